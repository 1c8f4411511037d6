package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.StackSettings;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoLoader;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The whole stack as processes (Kafka, PostgreSQL, the Miro mock, assignment-service, provisioner-service; one
 * instance of each service, or as many as the test class's {@link StackInstances} asks for), started once for all
 * fault tests of the JVM that want the same instances, with its data and logs in {@code target/fault-stack} (kept
 * after the run, for reading the logs of a test that did not converge). Each test resets the mock and provisions its
 * own application. The loader and {@link #directory()} / {@link #provisioner()} talk to the first instance of each
 * service.
 */
final class FaultStack implements AutoCloseable {

    private final Path home;
    private final LocalStack stack;
    private final StackInstances.Count instances;
    private final DemoLoader loader;
    private final Http miroAdmin;

    private FaultStack(Path home, LocalStack stack, StackSettings settings, StackInstances.Count instances) {
        this.home = home;
        this.stack = stack;
        this.instances = instances;
        String mockUrl = "http://127.0.0.1:" + settings.mockPort();
        this.loader = new DemoLoader("http://127.0.0.1:" + settings.assignmentPort(),
                "http://127.0.0.1:" + settings.provisionerPort(), mockUrl, stack.apiKey(),
                stack.miroToken(), line -> System.out.println("  " + line));
        this.miroAdmin = new Http(mockUrl, null, null);
    }

    static FaultStack start(StackInstances.Count instances) {
        Path root = Path.of(System.getProperty("scimitar.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("fault-tests/target/" + (instances.equals(StackInstances.Count.ONE_EACH)
                ? "fault-stack" : "fault-stack-" + instances.provisioners() + "-provisioners-"
                + instances.assignmentServices() + "-assignment-services"));
        StackSettings settings = StackSettings.onFreePorts(root, home, instances.assignmentServices(),
                instances.provisioners());
        LocalStack.stopRunning(settings);
        deleteRecursively(home);
        long started = System.nanoTime();
        LocalStack stack = new LocalStack(settings);
        stack.start((component, message) -> System.out.println(component + ": " + message));
        System.out.printf("The stack (%d provisioner and %d assignment-service instances) is up after %.1f s%n",
                instances.provisioners(), instances.assignmentServices(), (System.nanoTime() - started) / 1e9);
        return new FaultStack(home, stack, settings, instances);
    }

    /** How many instances of each service this stack runs. */
    StackInstances.Count instances() {
        return instances;
    }

    LocalStack processes() {
        return stack;
    }

    /** assignment-service's REST API on its first instance. */
    Http directory() {
        return directory(LocalStack.ASSIGNMENT_SERVICE);
    }

    /** assignment-service's REST API on one instance ({@link LocalStack#instanceName}). */
    Http directory(String instance) {
        return new Http(stack.url(instance), "X-API-Key", stack.apiKey());
    }

    /** provisioner-service's REST API on its first instance. */
    Http provisioner() {
        return provisioner(LocalStack.PROVISIONER_SERVICE);
    }

    /** provisioner-service's REST API on one instance ({@link LocalStack#instanceName}). */
    Http provisioner(String instance) {
        return new Http(stack.url(instance), "X-API-Key", stack.apiKey());
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

    /** As {@link #load(DemoDirectory, String)}, the job created with these {@code rateLimits} (the job API's). */
    DemoLoader.Loaded load(DemoDirectory demo, String applicationName, Map<String, Object> jobRateLimits) {
        return loader.load(demo, applicationName, jobRateLimits);
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

    /** SCIM answers of any status since the last reset, over every endpoint class (not the dropped or held ones). */
    long answers() {
        long count = 0;
        for (JsonNode byStatus : miroAdmin.get("/admin/counters")) {
            for (Map.Entry<String, JsonNode> status : byStatus.properties()) {
                if (status.getKey().matches("\\d{3}")) {
                    count += status.getValue().asLong();
                }
            }
        }
        return count;
    }

    /**
     * Waits until the mock holds exactly what {@code expected} says; otherwise prints the job's progress and its
     * latest failures, and fails with the differences left.
     */
    void awaitMiroMatches(DemoLoader.Loaded loaded, ExpectedMiro expected, Duration timeout) {
        awaitMiro(loaded, expected, () -> expected.assertMatches(miroAdmin.get("/admin/state")), timeout);
    }

    /** As {@link #awaitMiroMatches}, for the users only (see {@link ExpectedMiro#assertUsersMatch}). */
    void awaitMiroUsersMatch(DemoLoader.Loaded loaded, ExpectedMiro expected, Duration timeout) {
        awaitMiro(loaded, expected, () -> expected.assertUsersMatch(miroAdmin.get("/admin/state")), timeout);
    }

    /** On a timeout, prints what the job logged for the first users found different, newest first. */
    private void awaitMiro(DemoLoader.Loaded loaded, ExpectedMiro expected, ThrowingRunnable assertion,
            Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            String job = "/api/v1/jobs/" + loaded.jobId();
            System.out.println("Progress of job " + loaded.jobId() + ": " + provisioner().get(job + "/progress"));
            System.out.println("Its latest failures: " + provisioner().get(job + "/logs?status=failure&limit=20"));
            System.out.println("The mock's counters: " + miroAdmin.get("/admin/counters"));
            expected.lastDifferingUsers().stream().limit(5).forEach(userId -> System.out.println("What the job"
                    + " logged for user " + userId + ": " + provisioner().get(job + "/logs?limit=50&identity="
                    + userId)));
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
            stack.instances(service).forEach(stack::startService);
        }
        if (loaded != null) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> provisioner().delete("/api/v1/jobs/" + loaded.jobId()) != null);
        }
    }

    @Override
    public void close() {
        stack.close();
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
