package io.scimitar.faulttests;

import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Issue 8, broker and database restarts: Kafka or PostgreSQL stops in the middle of an initial sync and comes back on
 * the same port with the same data; both services reconnect and Miro ends complete, changes made meanwhile included.
 */
@ExtendWith(FaultStackExtension.class)
class InfrastructureRestartTest {

    private static final int DIRECTORY_USERS = 600;
    private static final Duration DOWN = Duration.ofSeconds(5);
    private static final Duration CREATING = Duration.ofMinutes(2);
    private static final Duration CONVERGE = Duration.ofMinutes(3);

    private final FaultStack stack;
    private DemoLoader.Loaded loaded;

    InfrastructureRestartTest(FaultStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void cleanUp() {
        stack.cleanUpAfter(loaded);
    }

    @Test
    void deliversEverythingWhenTheBrokerRestartsDuringTheSync() {
        ExpectedMiro expected = startSync(803, "broker.example.com", "Miro across a broker restart");

        stack.processes().stopKafka();
        new DirectoryChanges(stack.directory(), loaded.applicationId(), expected).aFewOfEachKind();
        sleep(DOWN);
        stack.processes().startKafka();

        stack.awaitMiroMatches(loaded, expected, CONVERGE);
    }

    @Test
    void deliversEverythingWhenTheDatabaseRestartsDuringTheSync() {
        ExpectedMiro expected = startSync(804, "database.example.com", "Miro across a database restart");

        stack.processes().stopPostgres();
        sleep(DOWN);
        stack.processes().startPostgres();
        DirectoryChanges changes = new DirectoryChanges(stack.directory(), loaded.applicationId(), expected);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> stack.directory().get("/api/v1/users/" + expected.userIds().get(1)) != null);
        changes.aFewOfEachKind();

        stack.awaitMiroMatches(loaded, expected, CONVERGE);
    }

    /** Loads a directory for a new application and returns once a quarter of its users are in Miro. */
    private ExpectedMiro startSync(long seed, String domain, String applicationName) {
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(DIRECTORY_USERS, seed,
                domain, false));
        ExpectedMiro expected = ExpectedMiro.of(demo);
        long quarter = expected.activeUsers() / 4;
        stack.resetMiro();
        loaded = stack.load(demo, applicationName);
        await().atMost(CREATING).pollInterval(Duration.ofMillis(50)).until(() -> stack.usersCreated() >= quarter);
        return expected;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
