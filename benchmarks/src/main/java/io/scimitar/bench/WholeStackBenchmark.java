package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.StackSettings;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark of issue 9 (run by {@code -Dscimitar.bench=true}, never a test): the whole stack as processes on free
 * ports in a temporary home, then (1) the initial sync of a generated directory, (2) end-to-end latency at a steady
 * change rate, (3) the mock's raw capacity for the sync's request mix, in the same run, (4) each process's memory at
 * the end of the sync, and optionally (5) a run against Miro's rate limits. Prints a report; asserts nothing.
 */
public final class WholeStackBenchmark {

    private static final String RATE_LIMITED_APPLICATION = "Miro (rate-limited)";

    private final BenchSettings bench;
    private final LocalStack stack;
    private final StackSettings ports;
    private final Http directory;
    private final Http provisioner;
    private final Http mockAdmin;
    private final DemoLoader loader;
    private final ProcessStats stats;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** PostgreSQL's sampled statements, while {@code bench.postgresActivity} asks for them. */
    private PostgresActivity postgresActivity;

    private WholeStackBenchmark(BenchSettings bench, LocalStack stack, StackSettings ports) {
        this.bench = bench;
        this.stack = stack;
        this.ports = ports;
        String mockUrl = "http://127.0.0.1:" + ports.mockPort();
        this.directory = new Http("http://127.0.0.1:" + ports.assignmentPort(), "X-API-Key", stack.apiKey());
        this.provisioner = new Http("http://127.0.0.1:" + ports.provisionerPort(), "X-API-Key", stack.apiKey());
        this.mockAdmin = new Http(mockUrl, null, null);
        this.loader = new DemoLoader("http://127.0.0.1:" + ports.assignmentPort(),
                "http://127.0.0.1:" + ports.provisionerPort(), mockUrl, stack.apiKey(), stack.miroToken(),
                message -> System.out.println("  " + message));
        Path postmasterPid = ports.home().resolve("postgres/postmaster.pid");
        this.stats = new ProcessStats()
                .track("Kafka", () -> ProcessStats.family(stack.kafka().pid()))
                .track("PostgreSQL", () -> ProcessStats.family(postmaster(postmasterPid)))
                .track(LocalStack.MIRO_MOCK, () -> service(LocalStack.MIRO_MOCK))
                .track(LocalStack.ASSIGNMENT_SERVICE, () -> service(LocalStack.ASSIGNMENT_SERVICE))
                .track(LocalStack.PROVISIONER_SERVICE, () -> service(LocalStack.PROVISIONER_SERVICE));
    }

    public static void main(String[] args) throws Exception {
        BenchSettings bench = BenchSettings.fromSystemProperties();
        Path home = Files.createTempDirectory("scimitar-bench");
        System.out.println("== Scimitar whole-stack benchmark (issue 9)");
        System.out.println(machine());
        Path applications;
        try {
            applications = copyApplications(bench.root(), home.resolve("apps"));
        } catch (IOException | RuntimeException e) {
            deleteTree(home);
            throw e;
        }
        // the mock holds every user in its heap: about one user per 4,500 bytes of -Xmx (512m: ~119,000 users)
        System.setProperty(LocalStack.MOCK_HEAP_PROPERTY, bench.mockHeap());
        System.setProperty(LocalStack.COUNT_STATEMENTS_PROPERTY, Boolean.toString(bench.postgresActivity()));
        StackSettings settings = bench.mockRateLimits()
                ? StackSettings.onFreePorts(applications, home, 1, 1, "--miro-rate-limits")
                : StackSettings.onFreePorts(applications, home, 1, 1);
        System.out.printf("Settings: %s%n", bench);
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        boolean done = false;
        try {
            long started = System.nanoTime();
            stack.start((component, message) -> System.out.println("  " + component + ": " + message));
            System.out.printf("Stack started in %.1f s; home %s (logs in %s)%n", (System.nanoTime() - started) / 1e9,
                    home, settings.logs());
            new WholeStackBenchmark(bench, stack, settings).run();
            done = true;
        } finally {
            stack.close();
            if (done) {
                deleteTree(home);
            } else {
                System.out.println("The run failed: its logs are kept in " + settings.logs());
            }
        }
        System.out.printf("Load average at the end: %s%n", loadAverage());
    }

    private void run() throws Exception {
        if (!bench.postgresActivity()) {
            runPhases();
            return;
        }
        try (PostgresActivity activity = PostgresActivity.start(stack.postgres().jdbcUrl("postgres"))) {
            postgresActivity = activity;
            runPhases();
        } finally {
            postgresActivity = null;
        }
    }

    /** PostgreSQL's time by statement between two snapshots, when {@code bench.postgresActivity} samples it. */
    private void printPostgresActivity(String phase, ProcessStats.Snapshot from, ProcessStats.Snapshot to) {
        if (postgresActivity == null) {
            return;
        }
        System.out.println("PostgreSQL's time by statement during " + phase + ":");
        System.out.print(postgresActivity.report(from.nanos(), to.nanos(), 12));
        System.out.println("  waits: " + postgresActivity.waits(from.nanos(), to.nanos()));
        System.out.print(postgresActivity.statements(from.nanos(), to.nanos(), 12));
    }

    private void runPhases() throws Exception {
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(bench.users(),
                bench.seed(), DemoDirectoryGenerator.DOMAIN, bench.allTeams()));
        System.out.printf("%n== 1. Initial sync: %,d users, %,d groups, %,d memberships, %,d assignments "
                        + "(mock rate limits %s)%n", demo.users().size(), demo.groups().size(),
                demo.memberships().size(), demo.assignments().size(), bench.mockRateLimits() ? "on" : "off");
        long preseeded = preseed(demo);
        ProcessStats.Snapshot beforeLoad = stats.snapshot();
        InitialSync.Result sync = new InitialSync(loader, provisioner, mockAdmin, stats)
                .run(demo, DemoLoader.APPLICATION_NAME, Duration.ofSeconds(bench.syncTimeoutSeconds()), preseeded,
                        bench.followUntil());
        ProcessStats.Snapshot afterSync = stats.snapshot();
        printSync(sync);
        System.out.println("CPU during the load (bulk import, teams seeded, job created):");
        System.out.print(sync.atJobCreated().cpuTable(beforeLoad, cores));
        System.out.println("CPU during the sync (job created -> caught up), and per user created or linked:");
        System.out.print(afterSync.cpuTable(sync.atJobCreated(), cores));
        System.out.print(afterSync.cpuPerObject(sync.atJobCreated(), sync.created() + sync.preseeded(), "user"));
        printPostgresActivity("the load", beforeLoad, sync.atJobCreated());
        printPostgresActivity("the sync", sync.atJobCreated(), afterSync);

        System.out.printf("%n== 4. Memory at the end of the sync (load average %s)%n", loadAverage());
        System.out.print(afterSync.memoryTable());

        System.out.println("Heap of each JVM after a full GC (its live data) against its maximum:");
        System.out.print(JvmHeaps.afterFullGc(heapPids()));

        List<String> miroUserIds = new ArrayList<>();
        long[] active = {0};
        Set<String> inMiro = new HashSet<>();
        List<String> teamIds = new ArrayList<>();
        long stateRead = System.nanoTime();
        MockStateReader.read(mockAdmin, user -> {
            miroUserIds.add(user.path("id").asText());
            inMiro.add(user.path("userName").asText().toLowerCase());
            active[0] += user.path("active").asBoolean(true) ? 1 : 0;
        }, team -> teamIds.add(team.path("id").asText()));
        System.out.printf("Mock state: %,d users (%,d active), %,d teams; expected %,d active users (export read in"
                + " %.1f s)%n", miroUserIds.size(), active[0], teamIds.size(), sync.expectedUsers(),
                (System.nanoTime() - stateRead) / 1e9);

        if (sync.finished() && bench.reconcile()) {
            new ReconciliationPhase(provisioner, mockAdmin).run("1b. Reconciliation of the synced job (mock rate "
                    + "limits " + (bench.mockRateLimits() ? "on" : "off") + ")", sync.jobId(),
                    Duration.ofSeconds(bench.syncTimeoutSeconds()));
        }
        if (sync.finished()) {
            latencyPhase(demo, inMiro);
        } else {
            System.out.println("\n== 2. End-to-end latency: skipped, the initial sync did not finish in time");
        }
        if (sync.finished() && bench.reconcileWithMiroLimits()) {
            new ReconciliationPhase(provisioner, mockAdmin).runWithMiroLimits("2b. Reconciliation of the synced job"
                    + " with Miro's limits on (in the mock and in the job)", sync.jobId(),
                    Duration.ofSeconds(bench.syncTimeoutSeconds()));
        }

        System.out.printf("%n== 3. The mock's raw capacity for the sync's request mix (load average %s)%n",
                loadAverage());
        Map<String, Long> mix = sync.requests();
        ProcessStats.Snapshot beforeBurst = stats.snapshot();
        long userRoom = mockAdmin.get("/admin/settings").path("maxUsers").asLong() - miroUserIds.size();
        int roundSize = MockCapacity.roundSizeWithin(mix, bench.rawRequests(), userRoom);
        if (roundSize < bench.rawRequests()) {
            System.out.printf("  rounds of %,d requests instead of %,d: the mock has room for %,d more users%n",
                    roundSize, bench.rawRequests(), userRoom);
        }
        MockCapacity.Result capacity = new MockCapacity(ports.mockPort(), stack.miroToken(), miroUserIds, teamIds)
                .measure(mix, roundSize);
        ProcessStats.Snapshot afterBurst = stats.snapshot();
        printCapacity(sync, capacity, afterBurst.cpuSeconds(beforeBurst, LocalStack.MIRO_MOCK),
                afterSync.cpuSeconds(beforeLoad, LocalStack.MIRO_MOCK));
        System.out.println("CPU during the raw-capacity rounds (warm-up included):");
        System.out.print(afterBurst.cpuTable(beforeBurst, cores));

        if (bench.rateLimitedUsers() > 0) {
            rateLimitedRun();
        }
    }

    /** Puts {@code bench.preseededUsers} of the directory's active users into the mock, linked to nothing. */
    private long preseed(DemoDirectory demo) throws java.io.IOException {
        if (bench.preseededUsers() <= 0) {
            return 0;
        }
        List<DemoDirectory.User> users = MockSeeder.chooseActive(demo, bench.preseededUsers());
        long start = System.nanoTime();
        long seeded = new MockSeeder(ports.mockPort(), stack.miroToken()).seed(users);
        System.out.printf("  pre-seeded %,d of the directory's active users into the mock (unlinked) in %.1f s%n",
                seeded, (System.nanoTime() - start) / 1e9);
        return seeded;
    }

    private void latencyPhase(DemoDirectory demo, Set<String> inMiro) throws InterruptedException {
        System.out.printf("%n== 2. End-to-end latency: %d changes/s for %d s after a %d s warm-up (PATCH displayName in"
                + " assignment-service -> meta.lastModified in the mock)%n", bench.changeRate(), bench.changeSeconds(),
                bench.warmUpSeconds());
        List<DemoDirectory.User> candidates = demo.users().stream()
                .filter(user -> inMiro.contains(user.userPrincipalName().toLowerCase()))
                .filter(DemoDirectory.User::accountEnabled).toList();
        LatencyProbe probe = new LatencyProbe(directory, mockAdmin, this::mockUserWrites);
        List<DemoDirectory.User> measured = spread(candidates, bench.changeRate() * bench.changeSeconds());
        if (bench.warmUpSeconds() > 0) {
            // the services have not run this path yet (the sync created users, nobody changed one): like JMH's
            // warm-up iterations, the same load first, not measured, so that the JIT has compiled it
            Set<DemoDirectory.User> taken = new HashSet<>(measured);
            List<DemoDirectory.User> others = candidates.stream().filter(user -> !taken.contains(user)).toList();
            List<DemoDirectory.User> warmUpUsers = spread(others.isEmpty() ? candidates : others,
                    bench.changeRate() * bench.warmUpSeconds());
            LatencyProbe.Result warmUp = probe.run(warmUpUsers, bench.changeRate(), bench.warmUpSeconds(), "w");
            long[] l = warmUp.latencies();
            System.out.printf("  warm-up, not counted: %,d changes in %.1f s, latency ms p50 %d, p99 %d; answer p50"
                    + " %d ms%n", warmUp.sent(), warmUp.sendSeconds(), warmUp.percentile(l, 50),
                    warmUp.percentile(l, 99), warmUp.percentile(warmUp.acceptMillis(), 50));
        }
        ProcessStats.Snapshot beforeChanges = stats.snapshot();
        LatencyProbe.Result latency = probe.run(measured, bench.changeRate(), bench.changeSeconds(), "#");
        ProcessStats.Snapshot afterChanges = stats.snapshot();
        printLatency(latency);
        System.out.println("CPU during the latency phase:");
        System.out.print(afterChanges.cpuTable(beforeChanges, cores));
        printLatencyTarget(latency, afterChanges.cpuSeconds(beforeChanges, LocalStack.ASSIGNMENT_SERVICE)
                + afterChanges.cpuSeconds(beforeChanges, "PostgreSQL"));
        printPostgresActivity("the latency phase", beforeChanges, afterChanges);
    }

    /**
     * Whether the phase met its target ({@code bench.changeRate} changes/s sustained for {@code bench.changeSeconds},
     * p99 accepted -> applied under {@code bench.latencyTargetP99Ms}), and the CPU per change of assignment-service
     * and PostgreSQL together. Sustained: every change sent on schedule (within 2 %) and accepted.
     */
    private void printLatencyTarget(LatencyProbe.Result result, double directoryCpuSeconds) {
        double sentRate = result.sent() / result.sendSeconds();
        boolean sustained = result.sent() >= bench.changeRate() * bench.changeSeconds()
                && sentRate >= 0.98 * bench.changeRate() && result.accepted() == result.sent();
        long p99 = result.percentile(result.latencies(), 99);
        boolean underTarget = p99 >= 0 && p99 < bench.latencyTargetP99Ms() && result.notApplied() == 0;
        System.out.printf("RESULT target %d changes/s for %d s, p99 < %d ms: rate %s (%.1f/s sent, %,d of %,d"
                        + " accepted), p99 %d ms %s%n", bench.changeRate(), bench.changeSeconds(),
                bench.latencyTargetP99Ms(), sustained ? "sustained" : "NOT sustained", sentRate, result.accepted(),
                result.sent(), p99, underTarget ? "met" : "NOT met");
        System.out.printf("  CPU per change, assignment-service + PostgreSQL: %.2f ms (%.1f CPU s for %,d changes)%n",
                result.accepted() == 0 ? 0.0 : 1000 * directoryCpuSeconds / result.accepted(), directoryCpuSeconds,
                result.accepted());
    }

    private void printSync(InitialSync.Result sync) {
        double objects = sync.created();
        System.out.println("RESULT initial sync");
        System.out.printf("  load (bulk import, teams seeded, job created): %.1f s for %,d rows = %,.0f rows/s%n",
                sync.loadSeconds(), sync.rows(), sync.rows() / sync.loadSeconds());
        System.out.printf("  job created -> mock holds all %,d expected users: %s%n", sync.expectedUsers(),
                sync.usersSeconds() < 0 ? String.format("NOT REACHED: %,d created in %.1f s = %,.0f users/s",
                        sync.created(), sync.followedSeconds(), objects / sync.followedSeconds())
                        : String.format("%.1f s = %,.0f users/s", sync.usersSeconds(), objects / sync.usersSeconds()));
        System.out.printf("  job created -> job caught up: %s (%,d events processed = %,.0f events/s)%n",
                sync.caughtUpSeconds() < 0 ? "NOT REACHED" : String.format("%.1f s", sync.caughtUpSeconds()),
                sync.eventsProcessed(), sync.eventsProcessed() / sync.syncSeconds());
        System.out.printf("  load + sync: %.1f s%s%n", sync.loadSeconds() + sync.syncSeconds(),
                sync.finished() ? "" : " (sync unfinished)");
        System.out.printf("  SCIM requests to the mock: %,d %s = %,.0f req/s over the sync%s%n", sync.totalRequests(),
                sync.requests(), sync.totalRequests() / sync.syncSeconds(),
                sync.throttled().isEmpty() ? "" : "; 429s: " + sync.throttled());
        long users = sync.created() + sync.preseeded();
        System.out.printf("  SCIM requests per user: %.3f (%,d requests for %,d users: %,d created, %,d pre-seeded)%n",
                users == 0 ? 0.0 : (double) sync.totalRequests() / users, sync.totalRequests(), users,
                sync.created(), sync.preseeded());
        if (sync.preseeded() > 0) {
            System.out.printf("  matching/linking: job created -> every expected user created or linked (progress "
                    + "activeUsers): %s; creates refused by the mock (a pre-seeded user created again): %,d%n",
                    sync.linkedSeconds() < 0 ? "NOT REACHED" : String.format("%.1f s", sync.linkedSeconds()),
                    sync.requests().getOrDefault("USERS_CREATE", 0L) - sync.created());
        }
    }

    private void printLatency(LatencyProbe.Result result) {
        long[] l = result.latencies();
        System.out.println("RESULT end-to-end latency (change accepted by assignment-service -> applied by the mock)");
        System.out.printf("  %,d changes sent in %.1f s (%.1f/s), %,d accepted, %,d measured, %,d not applied in time;"
                        + " the mock had them all %.1f s after the last was accepted%n", result.sent(),
                result.sendSeconds(), result.sent() / result.sendSeconds(), result.accepted(), l.length,
                result.notApplied(), result.convergeSeconds());
        System.out.printf("  latency ms: p50 %d, p95 %d, p99 %d, max %d (min %d)%n", result.percentile(l, 50),
                result.percentile(l, 95), result.percentile(l, 99), l.length == 0 ? -1 : l[l.length - 1],
                l.length == 0 ? -1 : l[0]);
        long[] s = result.fromSent();
        System.out.printf("  from the PATCH sent, ms: p50 %d, p95 %d, p99 %d, max %d%n", result.percentile(s, 50),
                result.percentile(s, 95), result.percentile(s, 99), s.length == 0 ? -1 : s[s.length - 1]);
        long[] a = result.acceptMillis();
        System.out.printf("  assignment-service PATCH answer time ms: p50 %d, p99 %d, max %d%n",
                result.percentile(a, 50), result.percentile(a, 99), a.length == 0 ? -1 : a[a.length - 1]);
    }

    private void printCapacity(InitialSync.Result sync, MockCapacity.Result capacity, double mockCpuBurst,
            double mockCpuSync) {
        double syncRate = sync.totalRequests() / sync.syncSeconds();
        double objectsRate = sync.created() / (sync.usersSeconds() > 0 ? sync.usersSeconds() : sync.syncSeconds());
        System.out.println("RESULT mock raw capacity for the same request mix");
        System.out.printf("  replayed %s%s; rounds %s req/s (%,d ok, %,d failed)%n", capacity.replayed(),
                capacity.notReplayed().isEmpty() ? "" : " (not replayed: " + capacity.notReplayed() + ")",
                capacity.rounds().stream().map(r -> String.format("%,.0f", r)).toList(), capacity.ok(),
                capacity.failed());
        if (capacity.failed() * 100 > capacity.ok() + capacity.failed()) {
            System.out.println("  WARNING: more than 1% of the raw requests failed: the capacity below is not valid");
        }
        System.out.printf("  mock raw: %,.0f req/s; provisioner during the sync: %,.0f req/s -> ratio %.3f (%.1f%% of"
                        + " the mock's capacity)%n", capacity.perSecond(), syncRate, syncRate / capacity.perSecond(),
                100 * syncRate / capacity.perSecond());
        System.out.printf("  per mock CPU-second: %,.0f req in the raw rounds (warm-up included), %,.0f req during the"
                + " load and sync%n", capacity.sentWithWarmUp() / mockCpuBurst, sync.totalRequests() / mockCpuSync);
        double requestsPerUser = sync.created() == 0 ? 0 : (double) sync.totalRequests() / sync.created();
        System.out.printf("  provisioner users/s %,.0f vs users/s the mock could take at %.2f requests per user: %,.0f"
                        + " -> ratio %.3f%n", objectsRate, requestsPerUser, capacity.perSecond() / requestsPerUser,
                objectsRate / (capacity.perSecond() / requestsPerUser));
    }

    /** Optional: Miro's rate limits on in the mock, a second directory and job with the limiter on. */
    private void rateLimitedRun() throws Exception {
        int users = bench.rateLimitedUsers();
        // from an empty mock: the main run and the raw-capacity rounds left it well over 100,000 users, whose state
        // export (read every 2 s below to see the teams complete) would not fit the mock's heap
        mockAdmin.post("/admin/reset");
        JsonNode settings = mockAdmin.put("/admin/settings", Map.of("rateLimitsEnabled", true));
        long window = settings.path("rateLimitWindowSeconds").asLong(30);
        JsonNode budgets = settings.path("rateLimitBudgets");
        System.out.printf("%n== 5. Rate-limited run: %,d users, Miro's limits on in the mock (window %d s, budgets %s)"
                + "%n", users, window, budgets);
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(users,
                bench.seed() + 1, "rl.example.com", true));
        InitialSync.Result sync = new InitialSync(loader, provisioner, mockAdmin, stats)
                .run(demo, RATE_LIMITED_APPLICATION, Duration.ofSeconds(bench.syncTimeoutSeconds()));
        if (bench.reconcile() && sync.finished()) {
            new ReconciliationPhase(provisioner, mockAdmin).run("5b. Reconciliation with Miro's limits on",
                    sync.jobId(), Duration.ofSeconds(bench.syncTimeoutSeconds()));
        }
        mockAdmin.put("/admin/settings", Map.of("rateLimitsEnabled", false));
        // every expected user needs one USERS_LIST (matching) and one USERS_CREATE; other buckets as answered
        Map<String, Long> needed = new java.util.LinkedHashMap<>(sync.requests());
        sync.throttled().forEach((endpoint, count) -> needed.merge(endpoint, -count, Long::sum));
        needed.merge("USERS_LIST", sync.expectedUsers(), Math::max);
        needed.merge("USERS_CREATE", sync.expectedUsers(), Math::max);
        double minimum = 0;
        String bound = "none";
        for (Map.Entry<String, Long> requests : needed.entrySet()) {
            long budget = budgets.path(requests.getKey()).asLong(0);
            if (budget > 0) {
                double seconds = (Math.ceil((double) requests.getValue() / budget) - 1) * window;
                if (seconds > minimum) {
                    minimum = seconds;
                    bound = requests.getKey() + " (" + requests.getValue() + " requests at " + budget + " per "
                            + window + " s)";
                }
            }
        }
        double elapsed = sync.syncSeconds();
        System.out.println("RESULT rate-limited initial sync");
        System.out.printf("  load %.1f s; job created -> all %,d users in Miro: %s; job caught up: %.1f s%n",
                sync.loadSeconds(), sync.expectedUsers(), sync.usersSeconds() < 0 ? "NOT REACHED (" + sync.created()
                        + " created in " + Math.round(sync.followedSeconds()) + " s)"
                        : String.format("%.1f s", sync.usersSeconds()), sync.caughtUpSeconds());
        double membersSeconds = teamsComplete(demo, sync.jobCreatedNanos(), Duration.ofMinutes(5));
        System.out.printf("  job created -> every team has its members: %s%n", membersSeconds < 0
                ? "NOT REACHED within 5 minutes" : String.format("%.1f s", membersSeconds));
        System.out.printf("  requests %s, 429s %s%n", sync.requests(), sync.throttled());
        System.out.printf("  minimum the limits allow: %.0f s, set by %s; elapsed / minimum = %.2f%n", minimum, bound,
                minimum == 0 ? 0 : elapsed / minimum);
    }

    /**
     * Seconds from the job's creation until every team holds every active member the directory gives it (read from
     * the mock's state every 2 s), or -1 when that did not happen within {@code timeout}.
     */
    private double teamsComplete(DemoDirectory demo, long jobCreated, Duration timeout) throws InterruptedException {
        Set<String> assigned = new HashSet<>();
        demo.assignments().forEach(assignment -> assigned.add(assignment.principalId()));
        Map<String, String> teamNames = new java.util.HashMap<>();
        demo.groups().forEach(group -> teamNames.put(group.id(), group.displayName()));
        Map<String, DemoDirectory.User> users = new java.util.HashMap<>();
        demo.users().forEach(user -> users.put(user.id(), user));
        Set<String> expected = new HashSet<>();
        demo.memberships().forEach(membership -> {
            DemoDirectory.User user = users.get(membership.memberId());
            if (assigned.contains(membership.groupId()) && user != null && user.accountEnabled()) {
                expected.add(teamNames.get(membership.groupId()) + "|" + user.userPrincipalName().toLowerCase());
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long readAt = System.nanoTime();
            Map<String, String> userNames = new java.util.HashMap<>();
            MockStateReader.read(mockAdmin, user -> userNames.put(user.path("id").asText(),
                    user.path("userName").asText().toLowerCase()), team -> { });
            Set<String> present = new HashSet<>();
            mockAdmin.get("/admin/teams").forEach(team -> team.path("members").forEach(member -> present.add(
                    team.path("displayName").asText() + "|" + userNames.get(member.path("userId").asText()))));
            if (present.containsAll(expected)) {
                return (readAt - jobCreated) / 1e9;
            }
            Thread.sleep(2000);
        }
        return -1;
    }

    private long mockUserWrites() {
        MockCounters counters = MockCounters.read(mockAdmin);
        return counters.total("USERS_PATCH") + counters.total("USERS_REPLACE");
    }

    /** {@code count} users spread over the whole directory (every k-th), so changes touch every partition. */
    private static List<DemoDirectory.User> spread(List<DemoDirectory.User> users, int count) {
        if (users.size() <= count) {
            return users;
        }
        List<DemoDirectory.User> picked = new ArrayList<>(count);
        double step = (double) users.size() / count;
        for (int i = 0; i < count; i++) {
            picked.add(users.get((int) (i * step)));
        }
        return picked;
    }

    /** The JVMs whose heap is read after a full GC: Kafka and the three applications. */
    private Map<String, Long> heapPids() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("Kafka", stack.kafka().pid());
        for (String name : List.of(LocalStack.MIRO_MOCK, LocalStack.ASSIGNMENT_SERVICE,
                LocalStack.PROVISIONER_SERVICE)) {
            service(name).forEach(pid -> pids.put(name, pid));
        }
        pids.put("benchmark (this JVM)", ProcessHandle.current().pid());
        return pids;
    }

    private List<Long> service(String name) {
        return stack.serviceProcess(name).map(handle -> List.of(handle.pid())).orElse(List.of());
    }

    private static long postmaster(Path pidFile) {
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String machine() {
        long memKb = 0;
        try {
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException notLinux) {
            // left at 0
        }
        String cpu = Optional.ofNullable(readModelName()).orElse("?");
        return String.format("Machine: %d CPUs (%s), %.1f GiB RAM, Java %s; %s; load average %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0,
                System.getProperty("java.version"), ZonedDateTime.now(), loadAverage());
    }

    private static String readModelName() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException notLinux) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * Copies each application's built {@code target/quarkus-app} under {@code apps}, so that the run measures one build
     * even while the modules are rebuilt, and answers the root to start them from.
     */
    private static Path copyApplications(Path root, Path apps) throws IOException {
        for (String module : List.of(LocalStack.MIRO_MOCK, LocalStack.ASSIGNMENT_SERVICE,
                LocalStack.PROVISIONER_SERVICE)) {
            Path from = root.resolve(module).resolve("target/quarkus-app");
            Path to = apps.resolve(module).resolve("target/quarkus-app");
            if (!Files.isRegularFile(from.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(from + " is missing: build first (./mvnw -B -q install -DskipTests)");
            }
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            System.out.printf("  %s built %s%n", module, Files.getLastModifiedTime(from.resolve("quarkus-run.jar")));
        }
        Path catcher = apps.resolve(io.scimitar.deploy.mail.MailCatcherProcess.JAR);
        Files.createDirectories(catcher.getParent());
        Files.copy(root.resolve(io.scimitar.deploy.mail.MailCatcherProcess.JAR), catcher,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return apps;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("Could not delete " + root + ": " + e.getMessage());
        }
    }
}
