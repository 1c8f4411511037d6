package io.scimitar.provisioner.secret;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A careless target on 127.0.0.1 that records every Authorization header it receives and echoes it back: under
 * {@code /echo400} in a SCIM error, under {@code /echo500} in a plain-text 500, under {@code /plain200} in a 200 that
 * is not SCIM; under {@code /scim} it answers an empty ListResponse (a well-behaved target).
 */
public final class EchoingTarget implements AutoCloseable {

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public EchoingTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** The base URL of a path, e.g. {@code url("/echo400/scim")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
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

    @Override
    public void close() {
        server.stop(0);
    }
}
