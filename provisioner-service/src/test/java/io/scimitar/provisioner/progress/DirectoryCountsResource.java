package io.scimitar.provisioner.progress;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for assignment-service's {@code GET /api/v1/applications/{id}/assignedCounts} (its own test,
 * {@code ApplicationApiTest}, checks the real count): answers the counts a test set for its application, 404 for
 * others, and 401 unless the provisioner sends the configured API key. Configures the provisioner to ask it, without
 * reusing a count.
 */
public class DirectoryCountsResource implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "directory-reader-key-for-progress-tests-0123456789";
    private static final Map<String, long[]> COUNTS = new ConcurrentHashMap<>();
    private HttpServer server;

    /** The directory now has {@code users} users and {@code groups} groups in the scope of {@code applicationId}. */
    static void inScope(String applicationId, long users, long groups) {
        COUNTS.put(applicationId, new long[] {users, groups});
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/applications/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            long[] counts = parts.length == 6 && "assignedCounts".equals(parts[5]) ? COUNTS.get(parts[4]) : null;
            int status = !API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key")) ? 401
                    : counts == null ? 404 : 200;
            byte[] body = (status != 200 ? "{\"status\":" + status + "}" : "{\"applicationId\":\"" + parts[4]
                    + "\",\"users\":" + counts[0] + ",\"groups\":" + counts[1] + ",\"directoryUsers\":" + counts[0]
                    + ",\"directoryGroups\":" + counts[1] + ",\"publishUnassigned\":false,\"countedAt\":\""
                    + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("scimitar.provisioner.progress.directory-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "scimitar.provisioner.progress.directory-api-key", API_KEY,
                "scimitar.provisioner.progress.scope-count-reuse", "0s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
