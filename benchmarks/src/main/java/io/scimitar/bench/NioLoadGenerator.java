package io.scimitar.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The load generator of the mock's raw-capacity phase (a copy of miro-scim-mock's bench generator): one thread, one NIO selector, a fixed number of HTTP/1.1 keep-alive connections, one
 * request in flight per connection (no pipelining). It writes prebuilt request bytes and reads only the status line and
 * {@code Content-Length}, so that it costs the shared cores as little as possible. Not a general HTTP client: it
 * expects {@code Content-Length} framed answers (what the mock sends) and fails the run on anything else.
 */
final class NioLoadGenerator implements AutoCloseable {

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();

    NioLoadGenerator(InetSocketAddress server, int connections) throws IOException {
        this.selector = Selector.open();
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            channel.register(selector, 0, connection);
            this.connections.add(connection);
        }
    }

    /** Outcome of one run: answers below 300, other answers, and the wall-clock time. */
    record Outcome(long ok, long failed, long nanos) {
    }

    /**
     * Sends {@code total} requests ({@code request.apply(i)} builds the bytes of the i-th) over all connections, and
     * stops early at {@code deadlineNanos} (a {@link System#nanoTime()} value).
     */
    Outcome run(int total, long deadlineNanos, IntFunction<byte[]> request) throws IOException {
        long start = System.nanoTime();
        int issued = 0;
        int inFlight = 0;
        long ok = 0;
        long failed = 0;
        for (Connection connection : connections) {
            if (issued < total) {
                connection.send(request.apply(issued++), selector);
                inFlight++;
            }
        }
        while (inFlight > 0) {
            if (selector.select(1000) == 0 && System.nanoTime() > deadlineNanos + 30_000_000_000L) {
                throw new IOException("No answer for 30 s after the deadline; " + inFlight + " requests in flight");
            }
            var keys = selector.selectedKeys();
            for (var iterator = keys.iterator(); iterator.hasNext(); ) {
                SelectionKey key = iterator.next();
                iterator.remove();
                Connection connection = (Connection) key.attachment();
                if (key.isWritable()) {
                    connection.flush(key);
                }
                if (key.isReadable()) {
                    int status = connection.read();
                    if (status > 0) {
                        if (status < 300) {
                            ok++;
                        } else {
                            failed++;
                        }
                        if (issued < total && System.nanoTime() < deadlineNanos) {
                            connection.send(request.apply(issued++), selector);
                        } else {
                            inFlight--;
                            key.interestOps(0);
                        }
                    }
                }
            }
        }
        return new Outcome(ok, failed, System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections) {
            connection.channel.close();
        }
        selector.close();
    }

    /** One keep-alive connection: the pending request bytes and the answer read so far. */
    private static final class Connection {
        final SocketChannel channel;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        /** Length of the whole answer (head + body) once the head is parsed; -1 before. */
        int answerLength = -1;
        int status;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] request, Selector selector) throws IOException {
            out = ByteBuffer.wrap(request);
            channel.write(out);
            channel.keyFor(selector).interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ
                    : SelectionKey.OP_READ);
        }

        void flush(SelectionKey key) throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** Reads what is available; returns the status once the whole answer is in, else 0. */
        int read() throws IOException {
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            if (channel.read(in) < 0) {
                throw new IOException("The mock closed a connection");
            }
            if (answerLength < 0 && !parseHead()) {
                return 0;
            }
            if (in.position() < answerLength) {
                return 0;
            }
            if (in.position() > answerLength) {
                throw new IOException("More bytes than one answer: the load generator does not pipeline");
            }
            in.clear();
            answerLength = -1;
            return status;
        }

        private boolean parseHead() throws IOException {
            byte[] bytes = in.array();
            int end = in.position();
            int headEnd = -1;
            for (int i = 3; i < end; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return false;
            }
            status = (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
            int bodyLength = -1;
            for (int i = 0; i < headEnd - CONTENT_LENGTH.length; i++) {
                if (bytes[i] == '\n' && regionMatchesIgnoreCase(bytes, i + 1, CONTENT_LENGTH)) {
                    int j = i + 1 + CONTENT_LENGTH.length;
                    while (bytes[j] == ' ') {
                        j++;
                    }
                    bodyLength = 0;
                    while (bytes[j] >= '0' && bytes[j] <= '9') {
                        bodyLength = bodyLength * 10 + (bytes[j++] - '0');
                    }
                    break;
                }
            }
            if (bodyLength < 0) {
                throw new IOException("Answer without Content-Length: "
                        + new String(bytes, 0, headEnd, StandardCharsets.US_ASCII));
            }
            answerLength = headEnd + bodyLength;
            return true;
        }

        private static boolean regionMatchesIgnoreCase(byte[] bytes, int offset, byte[] lowerCase) {
            for (int k = 0; k < lowerCase.length; k++) {
                if (offset + k >= bytes.length || (bytes[offset + k] | 0x20) != lowerCase[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
