package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Follows a job's live progress in the terminal: a progress bar of events done out of events known (processed plus
 * behind), the rate and the time left, until the job has caught up; then a summary of what it did.
 */
public final class ProvisioningWatch {

    private static final int BAR = 30;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int QUIET_POLLS_TO_FINISH = 4;

    private final ApiClient provisioner;
    private final String jobId;
    private final PrintStream out;

    ProvisioningWatch(ApiClient provisioner, String jobId, PrintStream out) {
        this.provisioner = provisioner;
        this.jobId = jobId;
        this.out = out;
    }

    public static ProvisioningWatch of(DemoLoader loader, String jobId, PrintStream out) {
        return new ProvisioningWatch(loader.provisioner(), jobId, out);
    }

    /** Draws the bar until the job has nothing left to read; answers the last progress snapshot. */
    public JsonNode untilCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        long lastProcessed = -1;
        JsonNode progress = provisioner.get("/api/v1/jobs/" + jobId + "/progress");
        while (System.nanoTime() < deadline) {
            progress = provisioner.get("/api/v1/jobs/" + jobId + "/progress");
            long processed = progress.path("eventsProcessed").asLong();
            long behind = progress.path("eventsBehind").asLong(-1);
            draw(processed, behind, progress.path("eventsPerSecond").asDouble(),
                    progress.path("estimatedSecondsLeft"));
            quiet = behind == 0 && processed == lastProcessed && processed > 0 ? quiet + 1 : 0;
            if (quiet >= QUIET_POLLS_TO_FINISH) {
                out.println();
                return progress;
            }
            lastProcessed = processed;
            sleep();
        }
        out.println();
        out.println("Still provisioning after " + timeout.toSeconds() + " s; the job goes on in the background.");
        return progress;
    }

    /** The summary of a job's work, as Entra's "Statistics to date". */
    public void summary(JsonNode progress, Duration took, long expectedActiveUsers) {
        JsonNode actions = progress.path("byAction");
        JsonNode statuses = progress.path("byStatus");
        out.printf("%nProvisioned in %.1f s: %,d created, %,d updated, %,d disabled, %,d deleted, %,d skipped, "
                        + "%,d failed (%,d events, %,d already applied).%n", took.toMillis() / 1000.0,
                actions.path("create").asLong(), actions.path("update").asLong(), actions.path("disable").asLong(),
                actions.path("delete").asLong(), statuses.path("skipped").asLong(), statuses.path("failure").asLong(),
                progress.path("eventsProcessed").asLong(), progress.path("alreadyApplied").asLong());
        out.printf("The demo directory has %,d enabled users assigned to Miro (directly or through a team).%n",
                expectedActiveUsers);
    }

    /** Prints each new provisioning log entry as it is written, until the process is stopped. */
    public void follow() {
        long newest = 0;
        JsonNode first = provisioner.get("/api/v1/jobs/" + jobId + "/logs?limit=1");
        if (first.path("entries").size() > 0) {
            newest = first.path("entries").get(0).path("id").asLong();
        }
        out.println("Following changes (Ctrl-C to stop)...");
        while (!Thread.currentThread().isInterrupted()) {
            JsonNode page = provisioner.get("/api/v1/jobs/" + jobId + "/logs?limit=200");
            long top = newest;
            for (int i = page.path("entries").size() - 1; i >= 0; i--) {
                JsonNode entry = page.path("entries").get(i);
                if (entry.path("id").asLong() > newest) {
                    out.printf("  %s  %-8s %-8s %-6s %s%s%n", entry.path("activityTime").asText(),
                            entry.path("action").asText().toLowerCase(), entry.path("status").asText().toLowerCase(),
                            entry.path("objectType").asText(), entry.path("sourceDisplay").asText(),
                            entry.hasNonNull("errorReason") ? "  (" + entry.path("errorReason").asText() + ")" : "");
                    top = Math.max(top, entry.path("id").asLong());
                }
            }
            newest = top;
            sleep();
        }
    }

    private void draw(long processed, long behind, double rate, JsonNode secondsLeft) {
        long total = behind < 0 ? processed : processed + behind;
        int filled = total == 0 ? 0 : (int) Math.min(BAR, BAR * processed / total);
        String left = secondsLeft.isNumber() ? secondsLeft.asLong() + " s left" : "estimating";
        out.printf("\r  [%s%s] %,d / %,d events  %,.0f/s  %s      ", "#".repeat(filled), ".".repeat(BAR - filled),
                processed, total, rate, left);
        out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
