package io.scimitar.provisioner.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for assignment-service behind the console's directory pass-through (the real one answers in
 * {@code end-to-end/ConsoleBrowserTest}): records each request it gets (method, path and query, the credential
 * headers, the body) and answers a list of users, Ada, a problem+json 404 for any other single user, 201 with a Location for an
 * assignment and 204 for its removal. Progress's count of the objects in scope (asked in the background) is answered
 * 404 and not recorded.
 */
public class DirectoryStandIn implements QuarkusTestResourceLifecycleManager {

    static final String USERS = "{\"items\":[{\"id\":\"2f1e3d4c-0000-4000-8000-00000000ada1\","
            + "\"userPrincipalName\":\"ada@example.com\",\"displayName\":\"Ada Lovelace\"}],\"nextCursor\":null}";
    static final String ADA = "2f1e3d4c-0000-4000-8000-00000000ada1";
    /** Ada as the directory answers her: a snapshot's fields and more (her version). */
    static final String ADA_USER = "{\"id\":\"" + ADA + "\",\"userPrincipalName\":\"ada@example.com\","
            + "\"mail\":\"ada@example.com\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\","
            + "\"displayName\":\"Ada Lovelace\",\"officeLocation\":\"HQ\",\"mobilePhone\":\"+44 20 7946 0000\","
            + "\"businessPhones\":[\"+44 20 7946 0001\"],\"accountEnabled\":true,"
            + "\"extensionAttributes\":{\"extension_costCenter\":\"CC-7\"},"
            + "\"createdDateTime\":\"2026-01-02T03:04:05Z\",\"version\":4}";
    static final String NOT_FOUND = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"There is no user 7d0c in the directory\",\"instance\":\"/api/v1/users/7d0c\"}";

    /** One request as the stand-in received it. */
    record Received(String method, String pathAndQuery, String apiKey, String authorization, String body) {
    }

    static volatile Received last;
    static final AtomicInteger COUNT = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/", this::answer);
        server.start();
        return Map.of("scimitar.provisioner.progress.directory-url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (path.endsWith("/assignedCounts")) {
            send(exchange, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        last = new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders().getFirst("X-API-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        COUNT.incrementAndGet();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/api/v1/users")) {
            send(exchange, 200, "application/json", USERS);
        } else if (method.equals("GET") && path.equals("/api/v1/users/" + ADA)) {
            send(exchange, 200, "application/json", ADA_USER);
        } else if (method.equals("GET") && path.startsWith("/api/v1/users/")) {
            send(exchange, 404, "application/problem+json", NOT_FOUND);
        } else if (method.equals("POST") && path.endsWith("/appRoleAssignments")) {
            String id = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add("Location", path + "/" + id);
            send(exchange, 201, "application/json", "{\"id\":\"" + id + "\"}");
        } else if (method.equals("DELETE") && path.contains("/appRoleAssignments/")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            send(exchange, 404, "application/problem+json", "{\"status\":404}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
