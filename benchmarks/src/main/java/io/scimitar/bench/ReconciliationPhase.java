package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reconciliation phases: a report-mode reconciliation of a benchmark job, followed until it ends; prints how long
 * it took, the pages it read, what it found, and the mock's requests and 429 answers during it (with the mock's rate
 * limits on, there should be none). {@link #runWithMiroLimits} first turns Miro's limits on in the mock and the job's
 * own budgets on.
 */
final class ReconciliationPhase {

    private static final long POLL_MILLIS = 1000;
    private static final String[] PAGE_CLASSES = {"USERS_LIST", "GROUPS_LIST"};

    private final Http provisioner;
    private final Http mockAdmin;

    ReconciliationPhase(Http provisioner, Http mockAdmin) {
        this.provisioner = provisioner;
        this.mockAdmin = mockAdmin;
    }

    void run(String title, String jobId, Duration timeout) throws InterruptedException {
        System.out.printf("%n== %s%n", title);
        reconcile(jobId, timeout, null);
    }

    /**
     * Reconciles a job synced with the limits off under Miro's limits: the mock enforces them, and the job's own budgets
     * are turned on ({@code "rateLimits": {"enabled": true}}, as a job created while the mock enforces them has it).
     * The job's run starts again with its budgets (a change of rate limits alone re-evaluates nothing), so the
     * reconciliation starts once that run has caught up and its target index is read; its own requests and 429s are
     * printed apart. The mock's limits are set back as they were at the end; the job keeps its budgets.
     */
    void runWithMiroLimits(String title, String jobId, Duration timeout) throws InterruptedException {
        System.out.printf("%n== %s%n", title);
        boolean mockLimitsBefore = mockAdmin.get("/admin/settings").path("rateLimitsEnabled").asBoolean();
        JsonNode settings = mockAdmin.put("/admin/settings", Map.of("rateLimitsEnabled", true));
        long window = settings.path("rateLimitWindowSeconds").asLong(30);
        JsonNode budgets = settings.path("rateLimitBudgets");
        try {
            MockCounters beforeNewRun = MockCounters.read(mockAdmin);
            long newRunStart = System.nanoTime();
            if (!turnOnJobBudgets(jobId, timeout)) {
                return;
            }
            MockCounters afterNewRun = MockCounters.read(mockAdmin);
            System.out.printf("  job's budgets on (window %d s, budgets %s); its new run caught up in %.1f s:"
                            + " mock requests %s, 429s %s%n", window, budgets, (System.nanoTime() - newRunStart) / 1e9,
                    afterNewRun.since(beforeNewRun), afterNewRun.since(beforeNewRun, "429"));
            reconcile(jobId, timeout, new Budgets(window, budgets));
        } finally {
            mockAdmin.put("/admin/settings", Map.of("rateLimitsEnabled", mockLimitsBefore));
        }
    }

    /** Puts the job with its rate limits on and waits until its new run has caught up; false when it did not in time. */
    private boolean turnOnJobBudgets(String jobId, Duration timeout) throws InterruptedException {
        String path = "/api/v1/jobs/" + jobId;
        JsonNode job = provisioner.get(path);
        if (job.path("rateLimits").path("enabled").asBoolean()) {
            return true;
        }
        Map<String, Object> replacement = new LinkedHashMap<>();
        for (String field : new String[] {"name", "applicationId", "profile", "tenantUrl"}) {
            replacement.put(field, job.path(field).asText());
        }
        replacement.put("rateLimits", Map.of("enabled", true));
        Instant changed = Instant.now();
        provisioner.put(path, replacement);
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress = provisioner.get(path + "/progress");
        while (!caughtUpSince(progress, changed)) {
            if (System.nanoTime() > deadline) {
                System.out.printf("  NOT CAUGHT UP within %d s after the job's budgets were turned on (phase %s, %s"
                        + " events behind): reconciliation skipped%n", timeout.toSeconds(),
                        progress.path("phase").asText(), progress.path("eventsBehind").asText());
                return false;
            }
            Thread.sleep(POLL_MILLIS);
            progress = provisioner.get(path + "/progress");
        }
        return true;
    }

    /** The run that started after {@code changed} has done every object and has its target index read. */
    private static boolean caughtUpSince(JsonNode progress, Instant changed) {
        String since = progress.path("runningSince").asText(null);
        if (since == null || Instant.parse(since).isBefore(changed) || !"INCREMENTAL".equals(
                progress.path("phase").asText())) {
            return false;
        }
        for (String type : new String[] {"users", "groups"}) {
            if ("READING".equals(progress.path("targetIndex").path(type).path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private void reconcile(String jobId, Duration timeout, Budgets budgets) throws InterruptedException {
        MockCounters before = MockCounters.read(mockAdmin);
        long start = System.nanoTime();
        JsonNode started = provisioner.post("/api/v1/jobs/" + jobId + "/reconciliations");
        String path = "/api/v1/jobs/" + jobId + "/reconciliations/" + started.path("id").asText();
        JsonNode state = started;
        while ("RUNNING".equals(state.path("status").asText())) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                provisioner.post(path + "/cancel");
                System.out.printf("  NOT FINISHED within %d s: cancelled (read %d users, %d groups)%n",
                        timeout.toSeconds(), state.path("usersRead").asInt(), state.path("groupsRead").asInt());
                return;
            }
            Thread.sleep(POLL_MILLIS);
            state = provisioner.get(path);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        MockCounters after = MockCounters.read(mockAdmin);
        Map<String, Long> requests = after.since(before);
        Map<String, Long> throttled = after.since(before, "429");
        System.out.println("RESULT reconciliation (report mode" + (budgets == null ? "" : ", Miro's limits on") + ")");
        System.out.printf("  %s in %.1f s: read %,d users and %,d groups; found %s%n", state.path("status").asText(),
                seconds, state.path("usersRead").asInt(), state.path("groupsRead").asInt(), state.path("found"));
        System.out.printf("  pages read: %,d of users (USERS_LIST 200), %,d of groups (GROUPS_LIST 200)%n",
                after.count("USERS_LIST", "200") - before.count("USERS_LIST", "200"),
                after.count("GROUPS_LIST", "200") - before.count("GROUPS_LIST", "200"));
        System.out.printf("  mock requests %s, 429s %s (%d in all)%n", requests, throttled,
                throttled.values().stream().mapToLong(Long::longValue).sum());
        if (budgets != null) {
            System.out.printf("  %s; elapsed / minimum = %s; load average %s%n", budgets.minimum(requests),
                    budgets.ratio(requests, seconds), WholeStackBenchmark.loadAverage());
        }
    }

    /** Miro's budgets as the mock enforces them: the least time a set of page requests can take. */
    private record Budgets(long window, JsonNode perClass) {

        /** {@code (ceil(requests / budget) - 1) x window} for the tightest of the page classes. */
        double minimumSeconds(Map<String, Long> requests) {
            double minimum = 0;
            for (String requestClass : PAGE_CLASSES) {
                long budget = perClass.path(requestClass).asLong(0);
                long sent = requests.getOrDefault(requestClass, 0L);
                if (budget > 0 && sent > 0) {
                    minimum = Math.max(minimum, (Math.ceil((double) sent / budget) - 1) * window);
                }
            }
            return minimum;
        }

        String minimum(Map<String, Long> requests) {
            StringBuilder bound = new StringBuilder();
            for (String requestClass : PAGE_CLASSES) {
                bound.append(bound.isEmpty() ? "" : ", ").append(requestClass).append(' ')
                        .append(requests.getOrDefault(requestClass, 0L)).append(" at ")
                        .append(perClass.path(requestClass).asLong(0)).append(" per ").append(window).append(" s");
            }
            return String.format("minimum the budgets allow: %.0f s (%s)", minimumSeconds(requests), bound);
        }

        String ratio(Map<String, Long> requests, double seconds) {
            double minimum = minimumSeconds(requests);
            return minimum == 0 ? "n/a" : String.format("%.2f", seconds / minimum);
        }
    }
}
