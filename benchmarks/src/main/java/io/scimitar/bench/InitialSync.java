package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoLoader;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One initial sync: loads a directory through assignment-service's bulk import ({@link DemoLoader}, which also
 * creates the job), then follows the mock's counters and the job's progress until the mock has created every
 * expected user and the job has read every event.
 */
final class InitialSync {

    /** How often the mock's counters are read: the precision of the sync's time. */
    private static final long POLL_MILLIS = 250;
    /**
     * How often the job's progress is read: as a dashboard would. Its counts read the job's links (the provisioner
     * reuses them for a second at least), so polling it at the counters' pace would measure the benchmark's watching.
     */
    private static final long PROGRESS_POLL_NANOS = 1_000_000_000L;
    private static final Duration QUIET_WHEN_STUCK = Duration.ofSeconds(90);

    private final DemoLoader loader;
    private final Http provisioner;
    private final Http mockAdmin;
    private final ProcessStats stats;

    InitialSync(DemoLoader loader, Http provisioner, Http mockAdmin, ProcessStats stats) {
        this.loader = loader;
        this.provisioner = provisioner;
        this.mockAdmin = mockAdmin;
        this.stats = stats;
    }

    /**
     * @param loadSeconds      bulk import of every row, seeding the teams, creating the job
     * @param rows             rows imported (users, groups, memberships, assignments)
     * @param usersSeconds     job created -> the mock has created the expected number of users (-1: never)
     * @param caughtUpSeconds  job created -> the job has processed every event and the users are there (-1: never)
     * @param followedSeconds job created -> the benchmark stopped following (caught up, or the timeout)
     * @param created          users the mock created during the sync
     * @param requests         SCIM requests the mock answered during the sync, per endpoint class
     * @param jobCreatedNanos  when the job was created ({@link System#nanoTime()})
     * @param preseeded        users the mock held before the job was created, for the job to link (not create)
     * @param linkedSeconds    job created -> the job keeps every expected user active (progress {@code activeUsers}:
     *                         created or linked; -1: never, or not followed without pre-seeded users)
     * @param atJobCreated     the processes' CPU and memory when the job was created: the load before, the sync after
     */
    record Result(String jobId, long jobCreatedNanos, double loadSeconds, long rows, long expectedUsers, double usersSeconds,
            double caughtUpSeconds, double followedSeconds, long created, long eventsProcessed, Map<String, Long> requests,
            Map<String, Long> throttled, long preseeded, double linkedSeconds, ProcessStats.Snapshot atJobCreated) {

        /** The sync's duration: until caught up, or until the benchmark stopped following it. */
        double syncSeconds() {
            return finished() ? Math.max(usersSeconds, caughtUpSeconds) : followedSeconds;
        }

        boolean finished() {
            return usersSeconds >= 0 && caughtUpSeconds >= 0;
        }

        long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Result run(DemoDirectory demo, String applicationName, Duration timeout) throws InterruptedException {
        return run(demo, applicationName, timeout, 0);
    }

    /** @param preseeded users of the directory the mock already holds (unlinked): they are linked, not created */
    Result run(DemoDirectory demo, String applicationName, Duration timeout, long preseeded)
            throws InterruptedException {
        return run(demo, applicationName, timeout, preseeded, Optional.empty());
    }

    /**
     * @param preseeded   users of the directory the mock already holds (unlinked): they are linked, not created
     * @param followUntil the latest wall-clock time the sync is followed, if before the job's creation + timeout
     */
    Result run(DemoDirectory demo, String applicationName, Duration timeout, long preseeded,
            Optional<Instant> followUntil) throws InterruptedException {
        long allActive = demo.expectedActiveUsers();
        long expected = allActive - preseeded;
        double linkedSeconds = -1;
        long rows = (long) demo.users().size() + demo.groups().size() + demo.memberships().size()
                + demo.assignments().size();
        MockCounters before = MockCounters.read(mockAdmin);
        long loadStart = System.nanoTime();
        DemoLoader.Loaded loaded = loader.load(demo, applicationName);
        long jobCreated = System.nanoTime();
        ProcessStats.Snapshot atJobCreated = stats.snapshot();
        double loadSeconds = (jobCreated - loadStart) / 1e9;
        System.out.printf("  loaded %,d rows in %.1f s (%,.0f rows/s); job %s created; %,d users expected in Miro%n",
                rows, loadSeconds, rows / loadSeconds, loaded.jobId(), expected);

        double usersSeconds = -1;
        double caughtUpSeconds = -1;
        long lastProcessed = -1;
        long lastChange = System.nanoTime();
        long lastCreated = -1;
        long lastCreate = System.nanoTime();
        long lastPrint = 0;
        long deadline = jobCreated + Math.min(timeout.toNanos(), followUntil
                .map(until -> Duration.between(Instant.now(), until).toNanos()).orElse(Long.MAX_VALUE));
        long created = 0;
        long processed = 0;
        long behind = -1;
        long lastProgress = 0;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            created = MockCounters.read(mockAdmin).count("USERS_CREATE", "201") - before.count("USERS_CREATE", "201");
            boolean readProgress = lastProgress == 0 || now - lastProgress >= PROGRESS_POLL_NANOS
                    || created >= expected;
            if (readProgress) {
                lastProgress = now;
                JsonNode progress = provisioner.get("/api/v1/jobs/" + loaded.jobId() + "/progress");
                processed = progress.path("eventsProcessed").asLong();
                behind = progress.path("eventsBehind").asLong(-1);
                if (preseeded > 0 && linkedSeconds < 0 && progress.path("activeUsers").asLong() >= allActive) {
                    linkedSeconds = (now - jobCreated) / 1e9;
                }
            }
            if (usersSeconds < 0 && created >= expected) {
                usersSeconds = (now - jobCreated) / 1e9;
            }
            if (created != lastCreated) {
                lastCreated = created;
                lastCreate = now;
            }
            if (processed != lastProcessed) {
                lastProcessed = processed;
                lastChange = now;
            }
            if (behind == 0 && processed > 0 && usersSeconds >= 0 && (preseeded == 0 || linkedSeconds >= 0)) {
                caughtUpSeconds = (Math.max(lastChange, lastCreate) - jobCreated) / 1e9;
                break;
            }
            // failed changes (429s, errors) wait in the job's escrow for a retry: give up only when nothing moves
            if (behind == 0 && processed > 0 && now - Math.max(lastChange, lastCreate) > QUIET_WHEN_STUCK.toNanos()) {
                System.out.printf("  the job caught up but the mock created only %,d of %,d users%n", created,
                        expected);
                caughtUpSeconds = (lastChange - jobCreated) / 1e9;
                break;
            }
            if (now - lastPrint > 10_000_000_000L) {
                lastPrint = now;
                System.out.printf("  %5.0f s: %,d users created in Miro of %,d; %,d events processed, %,d behind%n",
                        (now - jobCreated) / 1e9, created, expected, processed, behind);
            }
            Thread.sleep(POLL_MILLIS);
        }
        MockCounters after = MockCounters.read(mockAdmin);
        double followedSeconds = (System.nanoTime() - jobCreated) / 1e9;
        return new Result(loaded.jobId(), jobCreated, loadSeconds, rows, expected, usersSeconds, caughtUpSeconds, followedSeconds,
                created,
                processed, after.since(before), after.since(before, "429"), preseeded, linkedSeconds, atJobCreated);
    }
}
