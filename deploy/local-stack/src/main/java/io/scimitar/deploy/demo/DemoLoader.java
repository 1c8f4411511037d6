package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * Loads a demo directory into assignment-service (the application "Miro" with its roles, users, groups, memberships
 * and assignments, through the bulk import API), seeds the same-named teams in the Miro mock, and creates (or finds)
 * the Miro provisioning job. Safe to run again on kept data: rows are matched by id and nothing is duplicated.
 */
public final class DemoLoader {

    public static final String APPLICATION_NAME = "Miro";
    private static final int ROWS_PER_REQUEST = 5000;
    /**
     * The most events one request may make: an assignment of a group makes one per member, all in the request's one
     * transaction, so a request of 5,000 team assignments of a million-user directory would make 500,000 at once.
     */
    private static final int EVENTS_PER_REQUEST = 50_000;
    /** Bulk requests sent at once: the service reads one while PostgreSQL writes the other. */
    private static final int REQUESTS_IN_FLIGHT = 2;
    /** How long a job for a new application is retried while the provisioner has not learnt the application. */
    private static final Duration APPLICATION_ARRIVAL = Duration.ofSeconds(30);

    private final ApiClient directory;
    private final ApiClient provisioner;
    private final ApiClient mockAdmin;
    private final String mockScimUrl;
    private final String mockToken;
    private final Consumer<String> say;

    public DemoLoader(String directoryUrl, String provisionerUrl, String mockUrl, String apiKey, String mockToken,
            Consumer<String> say) {
        this.directory = new ApiClient(directoryUrl, apiKey);
        this.provisioner = new ApiClient(provisionerUrl, apiKey);
        this.mockAdmin = new ApiClient(mockUrl, null);
        this.mockScimUrl = mockUrl + "/api/v1/scim";
        this.mockToken = mockToken;
        this.say = say;
    }

    /** What was loaded: the application and the job that provisions it. */
    public record Loaded(String applicationId, String jobId) {
    }

    public Loaded load(DemoDirectory demo) {
        return load(demo, APPLICATION_NAME);
    }

    /**
     * Loads {@code demo} for the application named {@code applicationName} (created if missing, with its own job),
     * so that several directories can be provisioned one after the other on one stack.
     */
    public Loaded load(DemoDirectory demo, String applicationName) {
        return load(demo, applicationName, null);
    }

    /**
     * As {@link #load(DemoDirectory, String)}, with a new job created with these rate limits (the job API's
     * {@code rateLimits}, e.g. {@code {"windowSeconds": 30, "budgets": {"USERS_CREATE": 6000}}}) instead of Miro's
     * budgets turned on or off as the mock enforces them or not.
     */
    public Loaded load(DemoDirectory demo, String applicationName, Map<String, Object> jobRateLimits) {
        JsonNode application = application(applicationName);
        String applicationId = application.path("id").asText();
        Map<String, String> roleIds = new LinkedHashMap<>();
        application.path("appRoles").forEach(role -> roleIds.put(role.path("value").asText(),
                role.path("id").asText()));

        List<Object> users = new ArrayList<>(demo.users().size());
        demo.users().stream().filter(user -> user.managerId() == null).forEach(users::add);
        int managers = users.size();
        demo.users().stream().filter(user -> user.managerId() != null).forEach(users::add);
        importRows("users", users, managers, row -> 1);
        importRows("groups", new ArrayList<>(demo.groups()), 0, row -> 1);
        importRows("memberships", demo.memberships().stream()
                .map(m -> (Object) Map.of("groupId", m.groupId(), "memberId", m.memberId(), "action", "add"))
                .toList(), 0, row -> 1);
        Map<String, Integer> groupSizes = new HashMap<>();
        demo.memberships().forEach(m -> groupSizes.merge(m.groupId(), 1, Integer::sum));
        List<DemoDirectory.Assignment> assignments = demo.assignments();
        importRows("assignments", assignments.stream()
                .map(a -> (Object) Map.of("applicationId", applicationId, "principalId", a.principalId(),
                        "appRoleId", roleIds.getOrDefault(a.roleValue(), roleIds.get("User"))))
                .toList(), 0, row -> Math.max(1, groupSizes.getOrDefault(assignments.get(row).principalId(), 0)));

        int seeded = 0;
        for (DemoDirectory.Group group : demo.groups()) {
            if (mockAdmin.postIfAbsent("/admin/teams", Map.of("displayName", group.displayName())) != null) {
                seeded++;
            }
        }
        say.accept("Seeded " + seeded + " Miro teams (" + (demo.groups().size() - seeded) + " already there)");
        return new Loaded(applicationId, job(applicationId, applicationName, jobRateLimits));
    }

    private JsonNode application(String name) {
        for (JsonNode app : directory.get("/api/v1/applications?limit=1000").path("items")) {
            if (name.equals(app.path("displayName").asText())) {
                return directory.get("/api/v1/applications/" + app.path("id").asText());
            }
        }
        say.accept("Creating the enterprise application \"" + name + "\"");
        return directory.post("/api/v1/applications", Map.of("displayName", name,
                "publishUnassigned", false, "appRoles", List.of(
                        Map.of("value", "Admin", "displayName", "Miro administrator"))));
    }

    /**
     * Imports {@code rows} in requests of at most {@value #ROWS_PER_REQUEST} rows and {@value #EVENTS_PER_REQUEST}
     * events, {@code eventsOf} giving the events the row at an index makes. Up to {@value #REQUESTS_IN_FLIGHT}
     * requests are in flight at once, so that one request's rows are read and checked while another's are written
     * (and no more bodies and answers than that are held); the rows before {@code dependedOn} (the managers of the
     * rows after them) are all in before any later row is sent.
     */
    private void importRows(String kind, List<Object> rows, int dependedOn, IntUnaryOperator eventsOf) {
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(REQUESTS_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "demo-import-" + kind);
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<JsonNode>> inFlight = new ArrayDeque<>();
        int refused = 0;
        try {
            for (int from = 0, to; from < rows.size(); from = to) {
                int end = from < dependedOn ? dependedOn : rows.size();
                StringBuilder lines = new StringBuilder();
                int events = 0;
                for (to = from; to < end && to - from < ROWS_PER_REQUEST; to++) {
                    int rowEvents = eventsOf.applyAsInt(to);
                    if (to > from && events + rowEvents > EVENTS_PER_REQUEST) {
                        break;
                    }
                    events += rowEvents;
                    lines.append(ApiClient.write(rows.get(to))).append('\n');
                }
                String body = lines.toString();
                while (!inFlight.isEmpty() && (from == dependedOn || inFlight.size() == REQUESTS_IN_FLIGHT)) {
                    refused += refusedRows(kind, await(inFlight.poll()), refused);
                }
                inFlight.add(senders.submit(
                        () -> directory.postText("/api/v1/import/" + kind, "application/x-ndjson", body)));
            }
            while (!inFlight.isEmpty()) {
                refused += refusedRows(kind, await(inFlight.poll()), refused);
            }
        } finally {
            senders.shutdownNow();
        }
        say.accept(String.format("Imported %,d %s in %.1f s%s", rows.size(), kind,
                (System.nanoTime() - started) / 1e9, refused == 0 ? "" : " (" + refused + " rows refused)"));
    }

    /** The rows a bulk request's result refused, the first three of the import said. */
    private int refusedRows(String kind, JsonNode result, int refusedBefore) {
        int refused = 0;
        for (JsonNode row : result.path("results")) {
            if (row.path("errors").size() > 0) {
                refused++;
                if (refusedBefore + refused <= 3) {
                    say.accept("  " + kind + " line " + row.path("line").asText() + ": " + row);
                }
            }
        }
        return refused;
    }

    private static JsonNode await(Future<JsonNode> request) {
        try {
            return request.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing the demo directory", e);
        }
    }

    private String job(String applicationId, String name, Map<String, Object> jobRateLimits) {
        for (JsonNode job : provisioner.get("/api/v1/jobs")) {
            if (applicationId.equals(job.path("applicationId").asText())) {
                return job.path("id").asText();
            }
        }
        Map<String, Object> rateLimits = jobRateLimits;
        String described = "rate limits " + jobRateLimits;
        if (rateLimits == null) {
            // the job keeps to Miro's rate limits exactly when the mock enforces them (./scimitar run --miro-rate-limits)
            boolean enforced = mockAdmin.get("/admin/settings").path("rateLimitsEnabled").asBoolean(true);
            rateLimits = Map.of("enabled", enforced);
            described = "Miro's rate limits " + (enforced ? "on" : "off");
        }
        say.accept("Creating the Miro provisioning job (profile MIRO, tenant " + mockScimUrl + ", " + described + ")");
        Map<String, Object> job = Map.of("name", name, "applicationId", applicationId,
                "profile", "MIRO", "tenantUrl", mockScimUrl, "secretToken", mockToken,
                "allowInsecureHttp", mockScimUrl.startsWith("http:"),
                "rateLimits", rateLimits, "status", "ON");
        // the provisioner learns a new application from the application topic a moment after its creation, and
        // refuses a job for it with 422 until then
        long deadline = System.nanoTime() + APPLICATION_ARRIVAL.toNanos();
        while (true) {
            try {
                return provisioner.post("/api/v1/jobs", job).path("id").asText();
            } catch (ApiClient.Refused e) {
                if (e.status() != 422 || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(Duration.ofMillis(500));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the provisioner", e);
        }
    }

    /** Active and inactive users the Miro mock holds now. */
    public long[] miroUsers() {
        long active = 0;
        long inactive = 0;
        for (JsonNode user : mockAdmin.get("/admin/state").path("users")) {
            if (user.path("active").asBoolean(true)) {
                active++;
            } else {
                inactive++;
            }
        }
        return new long[] {active, inactive};
    }

    ApiClient provisioner() {
        return provisioner;
    }
}
