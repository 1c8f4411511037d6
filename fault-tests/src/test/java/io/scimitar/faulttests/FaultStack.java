package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.StackSettings;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoLoader;
import io.scimitar.deploy.process.Ports;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole stack as processes (Kafka, PostgreSQL, the Miro mock, assignment-service, provisioner-service), started
 * once for all fault tests of the JVM, with its data and logs in {@code target/fault-stack} (kept after the run, for
 * reading the logs of a test that did not converge). Each test resets the mock and provisions its own application.
 */
final class FaultStack implements AutoCloseable {

    /** provisioner-service's default {@code scimitar.provisioner.consumer-group-prefix}. */

    private final Path home;
    private final LocalStack stack;
    private final DemoLoader loader;
    private final Http directory;
    private final Http provisioner;
    private final Http miroAdmin;

    private FaultStack(Path home, LocalStack stack, StackSettings settings) {
        this.home = home;
        this.stack = stack;
        String mockUrl = "http://127.0.0.1:" + settings.mockPort();
        String directoryUrl = "http://127.0.0.1:" + settings.assignmentPort();
        String provisionerUrl = "http://127.0.0.1:" + settings.provisionerPort();
        this.loader = new DemoLoader(directoryUrl, provisionerUrl, mockUrl, stack.apiKey(), stack.miroToken(),
                line -> System.out.println("  " + line));
        this.directory = new Http(directoryUrl, "X-API-Key", stack.apiKey());
        this.provisioner = new Http(provisionerUrl, "X-API-Key", stack.apiKey());
        this.miroAdmin = new Http(mockUrl, null, null);
    }

    static FaultStack start() {
        Path root = Path.of(System.getProperty("scimitar.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("fault-tests/target/fault-stack");
        StackSettings settings = StackSettings.parse(root, List.of("--home", home.toString(),
                "--kafka-port", Integer.toString(freePortPair()),
                "--postgres-port", Integer.toString(Ports.freePort()),
                "--mock-port", Integer.toString(Ports.freePort()),
                "--assignment-port", Integer.toString(Ports.freePort()),
                "--provisioner-port", Integer.toString(Ports.freePort()),
                "--smtp-port", Integer.toString(Ports.freePort()),
                "--mail-api-port", Integer.toString(Ports.freePort())));
        LocalStack.stopRunning(settings);
        deleteRecursively(home);
        LocalStack stack = new LocalStack(settings);
        stack.start((component, message) -> System.out.println(component + ": " + message));
        return new FaultStack(home, stack, settings);
    }

    LocalStack processes() {
        return stack;
    }

    Http directory() {
        return directory;
    }

    Http provisioner() {
        return provisioner;
    }

    Http miroAdmin() {
        return miroAdmin;
    }

    /** Empties the Miro mock: no users, no teams but the default one, no faults, counters at zero. */
    void resetMiro() {
        miroAdmin.post("/admin/reset", null, 204);
    }

    /** Imports {@code demo} for a new application, seeds its teams in the mock and creates its Miro job. */
    DemoLoader.Loaded load(DemoDirectory demo, String applicationName) {
        return loader.load(demo, applicationName);
    }

    /** Users the mock created (answers 201 to {@code POST /Users}) since its last reset. */
    long usersCreated() {
        return miroAdmin.get("/admin/counters").path("USERS_CREATE").path("201").asLong();
    }

    /** SCIM answers with this status since the last reset, over every endpoint class. */
    long answers(int status) {
        long count = 0;
        for (JsonNode byStatus : miroAdmin.get("/admin/counters")) {
            count += byStatus.path(Integer.toString(status)).asLong();
        }
        return count;
    }

    /**
     * Waits until the mock holds exactly what {@code expected} says; otherwise prints the job's progress and its
     * latest failures, and fails with the differences left.
     */
    void awaitMiroMatches(DemoLoader.Loaded loaded, ExpectedMiro expected, Duration timeout) {
        awaitMiro(loaded, () -> expected.assertMatches(miroAdmin.get("/admin/state")), timeout);
    }

    /** As {@link #awaitMiroMatches}, for the users only (see {@link ExpectedMiro#assertUsersMatch}). */
    void awaitMiroUsersMatch(DemoLoader.Loaded loaded, ExpectedMiro expected, Duration timeout) {
        awaitMiro(loaded, () -> expected.assertUsersMatch(miroAdmin.get("/admin/state")), timeout);
    }

    private void awaitMiro(DemoLoader.Loaded loaded, ThrowingRunnable assertion, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            String job = "/api/v1/jobs/" + loaded.jobId();
            System.out.println("Progress of job " + loaded.jobId() + ": " + provisioner.get(job + "/progress"));
            System.out.println("Its latest failures: " + provisioner.get(job + "/logs?status=failure&limit=20"));
            System.out.println("The mock's counters: " + miroAdmin.get("/admin/counters"));
            throw new AssertionError("The Miro mock did not reach the expected state within " + timeout
                    + "; the services' logs are in " + home.resolve("logs") + ". " + e.getMessage(), e);
        }
    }

    /**
     * Brings back whatever a failed test may have left stopped, then deletes the test's job so that it does not act
     * on the next test's target.
     */
    void cleanUpAfter(DemoLoader.Loaded loaded) {
        stack.startPostgres();
        stack.startKafka();
        for (String service : List.of(LocalStack.MIRO_MOCK, LocalStack.ASSIGNMENT_SERVICE,
                LocalStack.PROVISIONER_SERVICE)) {
            stack.startService(service);
        }
        if (loaded != null) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> provisioner.delete("/api/v1/jobs/" + loaded.jobId()) != null);
        }
    }

    @Override
    public void close() {
        stack.close();
    }

    /** Kafka's controller listens on the broker port + 1, so both must be free. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = Ports.freePort();
            if (port < 65534 && !Ports.isListening(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No two consecutive free loopback ports found");
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
