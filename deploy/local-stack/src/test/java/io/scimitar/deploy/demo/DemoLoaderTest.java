package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DemoLoader}'s requests against a stand-in for the services' HTTP APIs that records each bulk request: two
 * are in flight at once, never more, every row is sent once, and no user whose manager is in the directory is sent
 * before every manager's request has been answered.
 */
class DemoLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bulk request as the stand-in saw it: its kind and its rows. */
    private record Received(String kind, List<JsonNode> rows) {
        @Override
        public String toString() {
            return rows.size() + " " + kind;
        }
    }

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    /** Orders what the stand-in sees: requests arriving, users stored. */
    private final AtomicLong sequence = new AtomicLong();
    /** Users whose request has been answered, as a service that has stored them, with when (of {@link #sequence}). */
    private final Map<String, Long> usersIn = new ConcurrentHashMap<>();
    /** Users sent while their manager was not in yet. */
    private final List<String> sentBeforeTheirManager = Collections.synchronizedList(new ArrayList<>());
    /** Holds the first memberships request until a second one arrives (or 10 s pass). */
    private final CountDownLatch secondMembershipsRequest = new CountDownLatch(2);
    private HttpServer server;
    private ExecutorService handlers;

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void sendsTwoRequestsAtOnceAndEveryManagerBeforeTheirReports() {
        DemoDirectory demo = DemoDirectoryGenerator.generate(12_000, 42);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        List<String> said = Collections.synchronizedList(new ArrayList<>());

        DemoLoader.Loaded loaded = new DemoLoader(url, url, url, "key", "token", said::add).load(demo);

        assertEquals("job-1", loaded.jobId());
        assertEquals(2, mostInFlight.get(), "bulk requests in flight at most: " + received);
        assertTrue(sentBeforeTheirManager.isEmpty(), () -> sentBeforeTheirManager.size()
                + " users were sent before their manager was in, the first " + sentBeforeTheirManager.get(0));
        assertEquals(demo.users().size(), rowsOf("users").size());
        assertEquals(demo.users().size(), new HashSet<>(ids("users")).size());
        assertEquals(demo.groups().size(), rowsOf("groups").size());
        assertEquals(demo.memberships().size(), rowsOf("memberships").size());
        assertEquals(demo.assignments().size(), rowsOf("assignments").size());
        assertTrue(received.stream().allMatch(r -> r.rows().size() <= 5000));
        assertTrue(said.stream().anyMatch(line -> line.startsWith("Imported 12,000 users")), said.toString());
    }

    private List<JsonNode> rowsOf(String kind) {
        List<JsonNode> rows = new ArrayList<>();
        synchronized (received) {
            received.stream().filter(r -> r.kind().equals(kind)).forEach(r -> rows.addAll(r.rows()));
        }
        return rows;
    }

    private List<String> ids(String kind) {
        return rowsOf(kind).stream().map(row -> row.path("id").asText()).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        long arrived = sequence.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (path.startsWith("/api/v1/import/")) {
            importRows(exchange, path.substring("/api/v1/import/".length()), body, arrived);
            return;
        }
        String answer = switch (method + " " + path) {
            case "GET /api/v1/applications" -> "{\"items\": [{\"id\": \"app-1\", \"displayName\": \"Miro\"}]}";
            case "GET /api/v1/applications/app-1" -> "{\"id\": \"app-1\", \"appRoles\": [{\"id\": \"role-user\","
                    + " \"value\": \"User\"}, {\"id\": \"role-admin\", \"value\": \"Admin\"}]}";
            case "GET /api/v1/jobs" -> "[{\"id\": \"job-1\", \"applicationId\": \"app-1\"}]";
            case "POST /admin/teams" -> "{}";
            default -> null;
        };
        send(exchange, answer == null ? 404 : 200, answer == null ? "{}" : answer);
    }

    private void importRows(HttpExchange exchange, String kind, String body, long arrived) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            if (kind.equals("users")) {
                rows.stream().filter(row -> row.hasNonNull("managerId"))
                        .filter(row -> usersIn.getOrDefault(row.path("managerId").asText(), arrived) >= arrived)
                        .forEach(row -> sentBeforeTheirManager.add(row.path("id").asText()));
                // a while for a request sent too early to arrive before this one is answered
                Thread.sleep(200);
                rows.forEach(row -> usersIn.put(row.path("id").asText(), sequence.incrementAndGet()));
            }
            if (kind.equals("memberships")) {
                secondMembershipsRequest.countDown();
                secondMembershipsRequest.await(10, TimeUnit.SECONDS);
            }
            StringBuilder results = new StringBuilder("{\"results\": [");
            for (int i = 0; i < rows.size(); i++) {
                results.append(i == 0 ? "" : ", ").append("{\"line\": ").append(i + 1)
                        .append(", \"status\": \"created\"}");
            }
            inFlight.decrementAndGet();
            received.add(new Received(kind, rows));
            send(exchange, 200, results.append("]}").toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 500, "{}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
