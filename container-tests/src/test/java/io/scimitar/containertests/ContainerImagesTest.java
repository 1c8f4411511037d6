package io.scimitar.containertests;

import com.github.dockerjava.api.model.ContainerConfig;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import io.scimitar.deploy.kafka.KafkaServerProcess;
import io.scimitar.deploy.postgres.PostgresServer;
import io.scimitar.deploy.process.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three images as an operator runs them: each container read-only, non-root, memory-limited, on the host network
 * against a Kafka broker and a PostgreSQL server on this machine; a demo directory is bulk-imported into
 * assignment-service and provisioned by provisioner-service into the Miro mock's container.
 */
class ContainerImagesTest {

    private static final String TAG = System.getProperty("scimitar.image.tag", "0.1.0-SNAPSHOT");
    private static final Path LOGS = Path.of(System.getProperty("scimitar.container-logs", "target/container-logs"));
    private static final String API_KEY = random(24, false);
    private static final String MOCK_TOKEN = random(24, false);

    @TempDir
    static Path home;

    private static PostgresServer postgres;
    private static KafkaServerProcess kafka;
    private static final List<ServiceContainer> containers = new ArrayList<>();
    private static ServiceContainer mock;
    private static ServiceContainer assignment;
    private static ServiceContainer provisioner;

    @BeforeAll
    static void startKafkaPostgresAndTheThreeImages() {
        postgres = new PostgresServer(home.resolve("postgres"), Ports.freePort(), false);
        postgres.start(List.of("assignments", "provisioner"));
        kafka = KafkaServerProcess.onFreePorts(home.resolve("kafka"));
        kafka.start();

        mock = start(new ServiceContainer("miro-scim-mock", TAG, Ports.freePort(), Map.of(
                "MIRO_MOCK_TOKEN", MOCK_TOKEN, "MIRO_MOCK_RATE_LIMITS_ENABLED", "false"), LOGS));
        assignment = start(new ServiceContainer("assignment-service", TAG, Ports.freePort(),
                serviceEnvironment("assignments"), LOGS));
        Map<String, String> provisionerEnvironment = new HashMap<>(serviceEnvironment("provisioner"));
        provisionerEnvironment.put("SCIMITAR_PROVISIONER_SECRETS_KEYS", "ct-1:" + random(32, true));
        provisionerEnvironment.put("SCIMITAR_PROVISIONER_SECRETS_ACTIVE_KEY_ID", "ct-1");
        provisionerEnvironment.put("SCIMITAR_PROVISIONER_TARGET_HOSTS_ALLOW", "localhost,127.0.0.0/8");
        provisioner = start(new ServiceContainer("provisioner-service", TAG, Ports.freePort(), provisionerEnvironment,
                LOGS));
    }

    @AfterAll
    static void stopEverything() {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void provisionsADemoDirectoryFromTheServicesContainersIntoTheMockContainer() {
        DemoDirectory demo = DemoDirectoryGenerator.generate(40, 18);
        DemoLoader loader = new DemoLoader(assignment.url(), provisioner.url(), mock.url(), API_KEY, MOCK_TOKEN,
                System.out::println);

        loader.load(demo);

        long expected = demo.expectedActiveUsers();
        assertThat(expected).as("active users in the demo directory").isPositive();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(loader.miroUsers()[0]).as("active users in the mock")
                        .isEqualTo(expected));
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootFileSystem() throws Exception {
        for (ServiceContainer container : containers) {
            assertThat(container.getContainerInfo().getHostConfig().getReadonlyRootfs()).as(container.name()).isTrue();
            assertThat(exec(container, "id", "-u").getStdout().trim()).as(container.name() + " uid")
                    .isNotEmpty().isNotEqualTo("0");
            assertThat(exec(container, "touch", "/home/jboss/probe").getExitCode())
                    .as(container.name() + " writes to its root file system").isNotZero();
            assertThat(exec(container, "touch", "/tmp/probe").getExitCode())
                    .as(container.name() + " writes to /tmp").isZero();
        }
    }

    @Test
    void sizesTheJvmFromTheContainerMemory() throws Exception {
        for (ServiceContainer container : containers) {
            String commandLine = exec(container, "cat", "/proc/1/cmdline").getStdout().replace('\0', ' ');
            assertThat(commandLine).as(container.name()).contains("-XX:MaxRAMPercentage=75")
                    .doesNotContain("-Xmx");
            if (!container.name().equals("miro-scim-mock")) {
                // chosen, not left to the JVM, which would pick G1 in a pod given 1,792 MiB or more
                assertThat(commandLine).as(container.name() + " garbage collector").contains("-XX:+UseSerialGC");
            }
            // assignment-service: the client compiler only; the provisioner and the mock keep both compilers
            assertThat(commandLine.contains("-XX:TieredStopAtLevel=1")).as(container.name() + " compilers")
                    .isEqualTo(container.name().equals("assignment-service"));
            String maxHeap = exec(container, "java", "-XX:MaxRAMPercentage=75", "-XX:+PrintFlagsFinal", "-version")
                    .getStdout().lines().filter(line -> line.contains(" MaxHeapSize ")).findFirst().orElseThrow();
            long bytes = Long.parseLong(maxHeap.replaceAll(".*MaxHeapSize\\s*=\\s*(\\d+).*", "$1"));
            assertThat(bytes).as(container.name() + " max heap under a " + ServiceContainer.MEMORY_LIMIT + " byte limit")
                    .isLessThanOrEqualTo(ServiceContainer.MEMORY_LIMIT * 3 / 4);
        }
    }

    @Test
    void imagesCarryTheOciLabels() {
        for (ServiceContainer container : containers) {
            ContainerConfig config = DockerClientFactory.instance().client()
                    .inspectImageCmd(container.getDockerImageName()).exec().getConfig();
            Map<String, String> labels = config.getLabels();
            assertThat(labels).as(container.name())
                    .containsEntry("org.opencontainers.image.version", TAG)
                    .containsEntry("org.opencontainers.image.revision",
                            System.getProperty("scimitar.image.revision", "unknown"))
                    .containsKey("org.opencontainers.image.source");
            assertThat(config.getUser()).as(container.name() + " user").isNotEmpty().isNotEqualTo("0")
                    .isNotEqualTo("root");
        }
    }

    private static ServiceContainer start(ServiceContainer container) {
        containers.add(container);
        container.start();
        return container;
    }

    private static ExecResult exec(ServiceContainer container, String... command) throws Exception {
        return container.execInContainer(command);
    }

    private static Map<String, String> serviceEnvironment(String database) {
        return Map.of(
                "SCIMITAR_DB_REACTIVE_URL", postgres.reactiveUrl(database),
                "SCIMITAR_DB_JDBC_URL", postgres.jdbcUrl(database),
                "SCIMITAR_DB_USER", PostgresServer.USER,
                "SCIMITAR_DB_PASSWORD", PostgresServer.PASSWORD,
                "SCIMITAR_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "SCIMITAR_API_ADMIN_KEYS", API_KEY);
    }

    private static String random(int bytes, boolean base64) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return base64 ? Base64.getEncoder().encodeToString(random) : HexFormat.of().formatHex(random);
    }
}
