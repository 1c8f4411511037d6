package io.scimitar.faulttests;

import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8, crash safety: {@code kill -9} of the provisioner five times during an initial sync of more than 5,000
 * users, each time restarted; a create that reached Miro but was not recorded must be re-matched, not re-created.
 * The kills happen once, before the tests; each test then checks one side of the state Miro must reach.
 */
@ExtendWith(FaultStackExtension.class)
class CrashSafetyTest {

    private static final int DIRECTORY_USERS = 5_200;
    private static final int KILLS = 5;
    private static final Duration CREATING = Duration.ofMinutes(4);
    private static final Duration CONVERGE = Duration.ofMinutes(5);

    private static DemoLoader.Loaded loaded;
    private static ExpectedMiro expected;

    private final FaultStack stack;

    CrashSafetyTest(FaultStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void killTheProvisionerFiveTimesDuringTheInitialSync(FaultStack stack) {
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(DIRECTORY_USERS, 801,
                "crash.example.com", true));
        expected = ExpectedMiro.of(demo);
        long toCreate = expected.activeUsers();
        assertThat(toCreate).as("users the initial sync creates").isGreaterThanOrEqualTo(5_000);
        stack.resetMiro();
        loaded = stack.load(demo, "Miro crash safety");

        for (int kill = 1; kill <= KILLS; kill++) {
            long due = toCreate * kill / (KILLS + 2);
            await().atMost(CREATING).pollInterval(Duration.ofMillis(50)).until(() -> stack.usersCreated() >= due);
            stack.processes().killService(LocalStack.PROVISIONER_SERVICE);
            long killedAt = System.nanoTime();
            long created = stack.usersCreated();
            assertThat(created).as("users created when kill " + kill + " came").isLessThan(toCreate);
            stack.processes().startService(LocalStack.PROVISIONER_SERVICE);
            double ready = (System.nanoTime() - killedAt) / 1e9;
            await().atMost(CREATING).pollInterval(Duration.ofMillis(50)).until(() -> stack.usersCreated() > created);
            System.out.printf("kill -9 #%d of the provisioner with %,d of %,d users created: ready again after %.1f s,"
                    + " creating again after %.1f s%n", kill, created, toCreate, ready,
                    (System.nanoTime() - killedAt) / 1e9);
        }
    }

    @AfterAll
    static void deleteTheJob(FaultStack stack) {
        stack.cleanUpAfter(loaded);
    }

    @Test
    void createsEveryUserOnceWithItsAttributes() {
        stack.awaitMiroUsersMatch(loaded, expected, CONVERGE);
        System.out.println("POST /Users answers: " + stack.miroAdmin().get("/admin/counters").path("USERS_CREATE"));
    }

    @Test
    void keepsTheTeamMembershipsOfTheUsersAKillInterrupted() {
        stack.awaitMiroMatches(loaded, expected, CONVERGE);
    }
}
