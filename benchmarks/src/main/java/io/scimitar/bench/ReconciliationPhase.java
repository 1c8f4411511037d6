package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * The reconciliation phase ({@code -Dbench.reconcile=true}): a report-mode reconciliation of the benchmark's job,
 * followed until it ends; prints how long it took, what it read and found, and the mock's requests and 429 answers
 * during it (with the mock's rate limits on, there should be none).
 */
final class ReconciliationPhase {

    private final Http provisioner;
    private final Http mockAdmin;

    ReconciliationPhase(Http provisioner, Http mockAdmin) {
        this.provisioner = provisioner;
        this.mockAdmin = mockAdmin;
    }

    void run(String title, String jobId, Duration timeout) throws InterruptedException {
        System.out.printf("%n== %s%n", title);
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
            Thread.sleep(1000);
            state = provisioner.get(path);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        MockCounters after = MockCounters.read(mockAdmin);
        System.out.println("RESULT reconciliation (report mode)");
        System.out.printf("  %s in %.1f s: read %,d users and %,d groups; found %s%n", state.path("status").asText(),
                seconds, state.path("usersRead").asInt(), state.path("groupsRead").asInt(), state.path("found"));
        System.out.printf("  mock requests %s, 429s %s%n", after.since(before), after.since(before, "429"));
    }
}
