package io.scimitar.provisioner.secret;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A careless target on 127.0.0.1 that records every Authorization header it receives and echoes it back: under
 * {@code /echo400} in a SCIM error, under {@code /echo500} in a plain-text 500, under {@code /plain200} in a 200 that
 * is not SCIM; under {@code /scim} it answers an empty ListResponse (a well-behaved target). Its {@link #plainPort()}
 * answers whatever it is sent with a 400 and closes, as a plain HTTP server such as nginx answers a TLS handshake: a
 * client that speaks TLS to it fails at once instead of waiting for its handshake timeout.
 */
public final class EchoingTarget implements AutoCloseable {

    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 11\r\nConnection: close\r\n\r\nBad Request").getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newCachedThreadPool();
    private final ServerSocket plain;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public EchoingTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(exchanges);
        server.start();
        exchanges.execute(this::refuseWhatComesToThePlainPort);
    }

    /** The base URL of a path, e.g. {@code url("/echo400/scim")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A port that answers anything with an HTTP 400 and closes: TLS to it fails at the first record. */
    public int plainPort() {
        return plain.getLocalPort();
    }

    /** Every Authorization header received so far. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/echo400")) {
            send(exchange, 400, "application/scim+json", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
                    + "\"status\":\"400\",\"detail\":\"Refused the header Authorization: " + authorization + "\"}");
        } else if (path.startsWith("/echo500")) {
            send(exchange, 500, "text/plain", "upstream failed for request with Authorization=" + authorization);
        } else if (path.startsWith("/plain200")) {
            send(exchange, 200, "text/html", "<html>hello " + authorization + "</html>");
        } else {
            send(exchange, 200, "application/scim+json", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                    + "ListResponse\"],\"totalResults\":0,\"Resources\":[]}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void refuseWhatComesToThePlainPort() {
        while (!plain.isClosed()) {
            try (Socket connection = plain.accept()) {
                InputStream in = connection.getInputStream();
                in.read(new byte[1024]);
                OutputStream out = connection.getOutputStream();
                out.write(BAD_REQUEST);
                out.flush();
            } catch (IOException closedOrReset) {
                // closed by close(), or the client went away first: nothing to answer
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            plain.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchanges.shutdownNow();
    }
}
