package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Follows a job's live progress in the terminal: a progress bar of the objects done out of the objects in scope (the
 * total counted by the directory, assignment-service, from the start), the rate and the time left, until nothing
 * remains; then a summary of what it did.
 */
public final class ProvisioningWatch {

    private static final int BAR = 20;
    /** A frame longer than the terminal wraps, and a carriage return then rewrites only its last row. */
    static final int TERMINAL_WIDTH = 80;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int QUIET_POLLS_TO_FINISH = 4;

    private final ApiClient provisioner;
    private final String jobId;
    private final Supplier<JsonNode> progressSource;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration poll;

    ProvisioningWatch(ApiClient provisioner, String jobId, Supplier<JsonNode> progressSource, PrintStream out,
            boolean terminal, Duration poll) {
        this.provisioner = provisioner;
        this.jobId = jobId;
        this.progressSource = progressSource;
        this.out = out;
        this.terminal = terminal;
        this.poll = poll;
    }

    public static ProvisioningWatch of(DemoLoader loader, String jobId, PrintStream out) {
        ApiClient provisioner = loader.provisioner();
        return new ProvisioningWatch(provisioner, jobId, () -> provisioner.get("/api/v1/jobs/" + jobId + "/progress"),
                out, System.console() != null, POLL);
    }

    /**
     * Draws the bar until the job has nothing left to do (the provisioner says 100% of the objects in scope, or, when
     * it cannot count them, nothing behind on the topic and nothing waiting in escrow); answers the last progress
     * snapshot. On a terminal each frame replaces the one before on the same row (a frame never fills the row, so
     * it cannot wrap); otherwise each new figure gets its own line.
     */
    public JsonNode untilCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        JsonNode progress = null;
        String shown = null;
        int shownLength = 0;
        while (System.nanoTime() < deadline) {
            progress = progressSource.get();
            if (shown == null) {
                out.println(sourceLine(progress));
            }
            String frame = bar(progress);
            if (terminal) {
                out.print("\r" + frame + " ".repeat(Math.max(0, shownLength - frame.length())));
                shownLength = frame.length();
            } else if (!withoutRates(frame).equals(withoutRates(shown))) {
                out.println(frame);
            }
            shown = frame;
            out.flush();
            quiet = finished(progress) ? quiet + 1 : 0;
            if (quiet >= QUIET_POLLS_TO_FINISH) {
                if (terminal) {
                    out.println();
                }
                return progress;
            }
            sleep(poll);
        }
        if (terminal) {
            out.println();
        }
        out.println("Still provisioning after " + timeout.toSeconds() + " s; the job goes on in the background.");
        return progress;
    }

    /** A frame without its rate and time left, which change at every poll: what a new line is printed for. */
    private static String withoutRates(String frame) {
        return frame == null ? "" : frame.replaceAll("  [0-9,.]+/s .*$", "");
    }

    /** Where the bar's total comes from, said once before the bar. */
    static String sourceLine(JsonNode progress) {
        JsonNode scope = progress.path("objectsInScope");
        if (!scope.isObject()) {
            return "  (the directory did not count the objects in scope: the bar shows events, without a total)";
        }
        return String.format("  %,d users and %,d groups in scope, counted by %s", scope.path("users").asLong(),
                scope.path("groups").asLong(), scope.path("source").asText());
    }

    /**
     * One line of progress, narrower than {@link #TERMINAL_WIDTH}: objects done out of the objects in scope, counted
     * by the source before the events arrive, so the bar is never full while work remains; without that total, the
     * events done and behind.
     */
    static String bar(JsonNode progress) {
        JsonNode seconds = progress.path("estimatedSecondsLeft");
        String left = seconds.isNumber() ? String.format("%,d s left", seconds.asLong()) : "time left ?";
        JsonNode scope = progress.path("objectsInScope");
        JsonNode percent = progress.path("percentComplete");
        String frame;
        if (scope.isObject() && percent.isNumber()) {
            long total = scope.path("total").asLong();
            long done = Math.min(total, progress.path("objectsDone").asLong());
            int filled = (int) Math.min(BAR, Math.floor(BAR * percent.asDouble() / 100));
            frame = String.format("  [%s%s] %,d / %,d objects %5.1f%%  %,.1f/s  %s", "#".repeat(filled),
                    ".".repeat(BAR - filled), done, total, percent.asDouble(),
                    progress.path("changesPerSecond").asDouble(), left);
        } else {
            JsonNode behind = progress.path("eventsBehind");
            frame = String.format("  %,d events done, %s behind, total unknown  %,.1f/s  %s",
                    progress.path("eventsCommitted").asLong(), behind.isNumber() ? String.format("%,d",
                            behind.asLong()) : "?", progress.path("eventsPerSecond").asDouble(), left);
        }
        return frame.length() < TERMINAL_WIDTH ? frame : frame.substring(0, TERMINAL_WIDTH - 1);
    }

    /** Nothing left: every object in scope done (100%), or without a total nothing behind and nothing escrowed. */
    static boolean finished(JsonNode progress) {
        if (progress.path("percentComplete").isNumber()) {
            return progress.path("percentComplete").asDouble() >= 100.0;
        }
        return progress.path("eventsBehind").isNumber() && progress.path("eventsBehind").asLong() == 0
                && progress.path("escrowed").asLong() == 0 && progress.path("eventsProcessed").asLong() > 0;
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
            sleep(POLL);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
