package io.scimitar.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the benchmark runs, from {@code -Dbench.*} system properties (the {@code whole-stack-bench} profile passes them
 * on).
 *
 * @param root               the repository root, where each application's {@code target/quarkus-app} is
 * @param users              users in the generated directory (its groups scale as users / 100, at most 10,000:
 *                           1,000 at 100,000 users)
 * @param allTeams           every team assigned to the application (nearly every user in scope), not half of them
 * @param seed               the directory's seed
 * @param changeRate         attribute changes per second in the latency phase
 * @param changeSeconds      how long the latency phase sends measured changes
 * @param warmUpSeconds      how long the latency phase first sends changes at the same rate that are not measured
 * @param rawRequests        requests per measured round of the mock's raw capacity (3 rounds after a warm-up)
 * @param rateLimitedUsers   users of the optional rate-limited run (0: skipped)
 * @param mockRateLimits     the mock enforces Miro's rate limits during the main run too (off by default)
 * @param syncTimeoutSeconds how long the initial sync may take before the benchmark gives up
 * @param preseededUsers     users of the directory put into the mock (unlinked) before the job is created, as after
 *                           a migration from Entra: the job must link them rather than create them (0: none)
 * @param latencyTargetP99Ms the latency phase's target: p99 accepted -> applied under this many ms at
 *                           {@code changeRate} sustained for {@code changeSeconds} (reported met or not)
 * @param reconcile          after the sync (and in the rate-limited run, before its limits go off), a report-mode
 *                           reconciliation of the job is timed
 * @param mockHeap           the Miro mock's maximum heap ({@code -Xmx}); it holds about one user per 4,500 bytes
 * @param followUntil        the latest wall-clock time the initial sync is followed (with {@code syncTimeoutSeconds},
 *                           whichever comes first), so that a long run reports what it reached by a given time
 * @param reconcileWithMiroLimits after the latency phase, the synced job is reconciled again with Miro's limits on in
 *                           the mock and the job's own budgets on (no 429 expected)
 * @param postgresActivity   PostgreSQL's active statements sampled through the run and its statements counted
 *                           ({@link PostgresActivity}), reported by statement for the load, the sync and the latency
 *                           phase
 */
record BenchSettings(Path root, int users, boolean allTeams, long seed, int changeRate, int changeSeconds,
        int warmUpSeconds, int rawRequests, int rateLimitedUsers, boolean mockRateLimits, int syncTimeoutSeconds,
        int preseededUsers, int latencyTargetP99Ms, boolean reconcile, String mockHeap, Optional<Instant> followUntil,
        boolean reconcileWithMiroLimits, boolean postgresActivity) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Path.of(System.getProperty("scimitar.root", "..")).toAbsolutePath().normalize(),
                Integer.getInteger("bench.users", 100_000),
                Boolean.parseBoolean(System.getProperty("bench.allTeams", "true")),
                Long.getLong("bench.seed", 42),
                Integer.getInteger("bench.changeRate", 100),
                Integer.getInteger("bench.changeSeconds", 60),
                Integer.getInteger("bench.warmUpSeconds", 30),
                Integer.getInteger("bench.rawRequests", 30_000),
                Integer.getInteger("bench.rateLimitedUsers", 0),
                Boolean.getBoolean("bench.mockRateLimits"),
                Integer.getInteger("bench.syncTimeoutSeconds", 1800),
                Integer.getInteger("bench.preseededUsers", 0),
                Integer.getInteger("bench.latencyTargetP99Ms", 250),
                Boolean.getBoolean("bench.reconcile"),
                System.getProperty("bench.mockHeap", "512m"),
                Optional.ofNullable(System.getProperty("bench.followUntil")).filter(value -> !value.isBlank())
                        .map(Instant::parse),
                Boolean.getBoolean("bench.reconcileWithMiroLimits"),
                Boolean.getBoolean("bench.postgresActivity"));
    }
}
