package io.scimitar.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Loopback port helpers: find a free one, check whether one answers, wait for a condition. */
public final class Ports {

    private Ports() {
    }

    /** The lowest port {@link #freePort()} picks from, below the kernel's ephemeral ports. */
    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A loopback port free now and not handed out before by this JVM. Where the kernel tells its range of ephemeral
     * ports (Linux), one below it: a port from inside it (what binding port 0 answers) can become the local end of
     * any outgoing connection before the child process given it binds it, which then fails with "Address already in
     * use" (a fault test's Kafka controller did, once).
     */
    public static synchronized int freePort() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart > LOWEST + 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(ephemeralStart - LOWEST);
                if (!HANDED_OUT.contains(port) && bindable(port)) {
                    HANDED_OUT.add(port);
                    return port;
                }
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free loopback port", e);
            }
        }
        throw new IllegalStateException("No free loopback port not handed out before");
    }

    /** The first port of the kernel's ephemeral range, or -1 where it cannot be read. */
    static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds; false when {@code timeout} passes first. */
    public static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
