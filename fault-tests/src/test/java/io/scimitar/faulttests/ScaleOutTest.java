package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import io.scimitar.deploy.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 23, scale-out under faults: 2 provisioner-service and 2 assignment-service instances sharing Kafka and
 * PostgreSQL; an initial sync of a 20,000-user directory (the demo generator's, every team assigned, about 19,400
 * users in scope) while a stream of changes goes through both assignment-service instances; in the middle one
 * provisioner is killed ({@code kill -9}) and the assignment-service instance that holds the outbox relay is stopped
 * (SIGTERM), then both are started again.
 * <p>
 * <b>Rate limits</b>: Miro's limits are on, in the mock and in the job, with the same budgets: Miro's own budgets
 * (200 creates per 30 s ...) would make 20,000 users take 50 minutes, so both have Miro's budgets times
 * {@value #BUDGET_FACTOR} (6,000 creates per 30 s, 150 {@code GET /Groups} ...) in Miro's 30-second window. What
 * this proves is that the two instances together stay within the target's limits (no more than 1% of requests
 * answered 429), whatever the budgets' size.
 * <p>
 * <b>Changes</b>: one every 300 ms, at most 1,000 (of which at most 400 take a user out of scope, below the deletion
 * guard's 500), alternately through the two assignment-service instances (through the one left while the other is
 * stopped): renames, disables, removals from a team, and the users removed assigned directly or added to another
 * team.
 * <p>
 * The job is created through the first provisioner instance while both run: the second follows it from the stored
 * jobs ({@code JobFollower}) and joins the job's consumer group.
 * <p>
 * The scenario runs once, before the tests; each test checks one property of where it ended.
 */
@ExtendWith(FaultStackExtension.class)
@StackInstances(provisioners = 2, assignmentServices = 2)
@Order(Integer.MAX_VALUE)
class ScaleOutTest {

    private static final int DIRECTORY_USERS = 20_000;
    static final int BUDGET_FACTOR = 30;
    private static final int WINDOW_SECONDS = 30;
    /** Miro's budgets per 30 s, by the mock's endpoint class (miro-scim-mock/README.md). */
    private static final Map<String, Integer> MIRO_BUDGETS = Map.ofEntries(Map.entry("USERS_LIST", 200),
            Map.entry("USERS_GET", 200), Map.entry("USERS_CREATE", 200), Map.entry("USERS_REPLACE", 100),
            Map.entry("USERS_PATCH", 100), Map.entry("USERS_DELETE", 20), Map.entry("GROUPS_LIST", 5),
            Map.entry("GROUPS_GET", 20), Map.entry("GROUPS_PATCH", 100), Map.entry("GROUPS_PATCH_LARGE", 5),
            Map.entry("GROUPS_CREATE", 20), Map.entry("GROUPS_REPLACE", 100), Map.entry("GROUPS_DELETE", 20));
    private static final Duration CHANGE_PACE = Duration.ofMillis(300);
    /** At most 400 of them take a user out of scope: below the deletion guard's default threshold of 500. */
    private static final long CHANGE_LIMIT = 1000;
    private static final Duration SYNCING = Duration.ofMinutes(6);
    private static final Duration CONVERGE = Duration.ofMinutes(6);
    private static final String KILLED_PROVISIONER = LocalStack.instanceName(LocalStack.PROVISIONER_SERVICE, 1);

    private static DemoLoader.Loaded loaded;
    private static ExpectedMiro expected;
    private static String relayHolder;
    private static long changesWhileTheHolderWasDown;
    private static long relayedByTheOtherWhileTheHolderWasDown;
    private static long changesThroughEachInstance;
    private static long answers;
    private static long throttled;

    private final FaultStack stack;

    ScaleOutTest(FaultStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void syncWhileAProvisionerIsKilledAndTheRelayingAssignmentServiceIsStopped(FaultStack stack) {
        long started = System.nanoTime();
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(DIRECTORY_USERS, 2301,
                "scale.example.com", true));
        expected = ExpectedMiro.of(demo);
        long toCreate = expected.activeUsers();
        stack.resetMiro();
        stack.miroAdmin().put("/admin/settings", Map.of("rateLimitsEnabled", true,
                "rateLimitBudgets", scaled(MIRO_BUDGETS, Map.of())));
        loaded = stack.load(demo, "Miro scale-out", Map.of("enabled", true, "windowSeconds", WINDOW_SECONDS,
                "budgets", scaled(MIRO_BUDGETS, Map.of("USERS_LIST", "USERS_QUERY", "GROUPS_LIST", "GROUPS_QUERY"))));
        long loadedAt = System.nanoTime();
        List<String> directories = stack.processes().instances(LocalStack.ASSIGNMENT_SERVICE);

        try (ChangeStream changes = new ChangeStream(stack, loaded.applicationId(), expected, CHANGE_PACE,
                CHANGE_LIMIT)) {
            awaitCreated(stack, toCreate / 4);
            stack.processes().killService(KILLED_PROVISIONER);
            System.out.printf("kill -9 of %s with %,d of %,d users created%n", KILLED_PROVISIONER,
                    stack.usersCreated(), toCreate);

            awaitCreated(stack, toCreate * 2 / 5);
            relayHolder = relayingNow(stack, directories);
            String other = directories.stream().filter(name -> !name.equals(relayHolder)).findFirst().orElseThrow();
            changes.takeDown(relayHolder);
            long changesAtTheStop = changes.made();
            long relayedAtTheStop = relayed(stack, other);
            stack.processes().stopService(relayHolder);
            System.out.printf("SIGTERM to %s (it relayed the latest events) with %,d users created%n", relayHolder,
                    stack.usersCreated());

            awaitCreated(stack, toCreate * 11 / 20);
            stack.processes().startService(KILLED_PROVISIONER);
            System.out.printf("%s started again with %,d users created%n", KILLED_PROVISIONER, stack.usersCreated());

            awaitCreated(stack, toCreate * 13 / 20);
            await().atMost(Duration.ofMinutes(2)).until(() -> changes.made() - changesAtTheStop >= 20
                    && relayed(stack, other) - relayedAtTheStop >= changes.made() - changesAtTheStop);
            changesWhileTheHolderWasDown = changes.made() - changesAtTheStop;
            relayedByTheOtherWhileTheHolderWasDown = relayed(stack, other) - relayedAtTheStop;
            stack.processes().startService(relayHolder);
            changes.bringBack(relayHolder);
            long throughTheHolder = changes.madeThrough(relayHolder);
            System.out.printf("%s started again with %,d users created; meanwhile %,d changes went through %s,"
                    + " which relayed %,d events%n", relayHolder, stack.usersCreated(), changesWhileTheHolderWasDown,
                    other, relayedByTheOtherWhileTheHolderWasDown);

            awaitCreated(stack, toCreate * 9 / 10);
            await().atMost(Duration.ofMinutes(2)).until(() -> changes.madeThrough(relayHolder) >= throughTheHolder + 20);
            changesThroughEachInstance = directories.stream().mapToLong(changes::madeThrough).min().orElseThrow();
            System.out.printf("%,d changes made (%s)%n", changes.made(), directories.stream()
                    .map(name -> name + " " + changes.madeThrough(name)).toList());
        }
        long synced = System.nanoTime();
        awaitCreated(stack, expected.activeUsers());
        stack.awaitMiroMatches(loaded, expected, CONVERGE);
        answers = stack.answers();
        throttled = stack.answers(429);
        System.out.printf("Scale-out test: load %.1f s, sync with faults and changes %.1f s, converged after %.1f s"
                + " more; %,d SCIM answers, %,d of them 429 (%.2f%%); the mock's counters: %s%n",
                (loadedAt - started) / 1e9, (synced - loadedAt) / 1e9, (System.nanoTime() - synced) / 1e9, answers,
                throttled, 100.0 * throttled / Math.max(1, answers), stack.miroAdmin().get("/admin/counters"));
        printDatabaseSizes(stack);
    }

    /** The largest tables of both databases, with their sizes and rows, for the capacity model (docs/architecture.md). */
    private static void printDatabaseSizes(FaultStack stack) {
        for (String database : List.of("assignments", "provisioner")) {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                    stack.processes().postgres().jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
                    java.sql.Statement statement = connection.createStatement()) {
                try (java.sql.ResultSet size = statement.executeQuery("select pg_database_size(current_database())")) {
                    size.next();
                    System.out.printf("Database %s: %,d bytes%n", database, size.getLong(1));
                }
                try (java.sql.ResultSet tables = statement.executeQuery("select relname, n_live_tup,"
                        + " pg_total_relation_size(relid) from pg_stat_user_tables order by 3 desc limit 8")) {
                    while (tables.next()) {
                        System.out.printf("  %-32s %,12d rows %,14d bytes%n", tables.getString(1), tables.getLong(2),
                                tables.getLong(3));
                    }
                }
            } catch (java.sql.SQLException e) {
                System.out.println("Could not read the size of " + database + ": " + e.getMessage());
            }
        }
    }

    @AfterAll
    static void deleteTheJob(FaultStack stack) {
        stack.cleanUpAfter(loaded);
    }

    @Test
    void endsEqualToTheDirectoryWithEveryChangeApplied() {
        stack.awaitMiroMatches(loaded, expected, Duration.ofSeconds(30));
    }

    @Test
    void createsEveryUserOnce() {
        JsonNode state = stack.miroAdmin().get("/admin/state");
        Set<String> userNames = new HashSet<>();
        state.path("users").forEach(user -> userNames.add(user.path("userName").asText().toLowerCase()));
        JsonNode counters = stack.miroAdmin().get("/admin/counters");

        assertThat(userNames).as("users by userName").hasSize(state.path("users").size());
        assertThat(counters.path("USERS_CREATE").path("201").asLong() - counters.path("USERS_DELETE").path("204")
                .asLong()).as("users created less users deleted: each user created once")
                .isEqualTo(state.path("users").size());
    }

    @Test
    void keepsBothInstancesTogetherWithinTheTargetsRateLimits() {
        assertThat(answers).as("SCIM answers").isGreaterThanOrEqualTo(expected.activeUsers());
        assertThat(throttled).as("answers 429 of " + answers).isLessThanOrEqualTo(answers / 100);
    }

    @Test
    void theOtherAssignmentServiceRelaysTheOutboxWhileTheRelayingOneIsStopped() {
        assertThat(relayHolder).isNotNull();
        assertThat(changesWhileTheHolderWasDown).as("changes made while " + relayHolder + " was stopped")
                .isGreaterThanOrEqualTo(20);
        assertThat(relayedByTheOtherWhileTheHolderWasDown).as("events the other instance relayed meanwhile")
                .isGreaterThanOrEqualTo(changesWhileTheHolderWasDown);
        assertThat(changesThroughEachInstance).as("changes through each instance").isGreaterThanOrEqualTo(20);
    }

    /** Miro's budgets times {@link #BUDGET_FACTOR}, by the class names of the mock, renamed where the job's differ. */
    private static Map<String, Integer> scaled(Map<String, Integer> budgets, Map<String, String> renamed) {
        Map<String, Integer> scaled = new LinkedHashMap<>();
        budgets.forEach((name, budget) -> scaled.put(renamed.getOrDefault(name, name), budget * BUDGET_FACTOR));
        return scaled;
    }

    private static void awaitCreated(FaultStack stack, long users) {
        await().atMost(SYNCING).pollInterval(Duration.ofMillis(200)).until(() -> stack.usersCreated() >= users);
    }

    /** The assignment-service instance that relays the outbox's events now: its count grows first from here on. */
    private static String relayingNow(FaultStack stack, List<String> instances) {
        Map<String, Long> before = new LinkedHashMap<>();
        instances.forEach(instance -> before.put(instance, relayed(stack, instance)));
        String[] relaying = new String[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String instance : instances) {
                if (relayed(stack, instance) > before.get(instance)) {
                    relaying[0] = instance;
                    return true;
                }
            }
            return false;
        });
        return relaying[0];
    }

    /** Events the instance relayed to Kafka since it started ({@code scimitar_outbox_relayed_events_total}). */
    private static long relayed(FaultStack stack, String instance) {
        double total = 0;
        for (String line : stack.directory(instance).text("/q/metrics").split("\n")) {
            if (line.startsWith("scimitar_outbox_relayed_events_total")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
