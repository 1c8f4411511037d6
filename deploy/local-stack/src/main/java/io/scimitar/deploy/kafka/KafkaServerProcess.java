package io.scimitar.deploy.kafka;

import io.scimitar.deploy.process.ChildProcess;
import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.SupervisedChildProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running as its own OS process from
 * the Kafka jars on this JVM's classpath. Its data stays in {@code dataDirectory}, so it can be stopped, killed and
 * started again on the same port without losing a record.
 */
public final class KafkaServerProcess extends SupervisedChildProcess implements AutoCloseable {

    /** How long the broker may take to start; {@code -Dscimitar.stack.readyTimeoutSeconds}, as the services. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.getLong("scimitar.stack.readyTimeoutSeconds", 60));

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private final String heap;

    /**
     * @param dataDirectory  where the log segments, metadata and server.properties live
     * @param port           the PLAINTEXT listener port on 127.0.0.1
     * @param controllerPort the CONTROLLER listener port on 127.0.0.1
     * @param classpath      a classpath holding kafka_2.13, kafka-tools and a log4j2 binding
     * @param heap           the -Xmx of the broker JVM, e.g. "512m"
     */
    public KafkaServerProcess(Path dataDirectory, int port, int controllerPort, String classpath, String heap) {
        super("Kafka", READY_TIMEOUT);
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = absolute(classpath);
        this.heap = heap;
    }

    /** The broker runs in its data directory, so relative classpath entries must be made absolute. */
    private static String absolute(String classpath) {
        return java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> entry.endsWith("*")
                        ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + java.io.File.separator + "*"
                        : Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** A broker on free ports with the classpath of the current JVM. */
    public static KafkaServerProcess onFreePorts(Path dataDirectory) {
        return new KafkaServerProcess(dataDirectory, Ports.freePort(), Ports.freePort(),
                System.getProperty("java.class.path"), "512m");
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public Path logFile() {
        return dataDirectory.resolve("kafka.log");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Formats the storage on first use and starts the broker; {@link #start()} waits until it serves metadata. */
    @Override
    protected ChildProcess launch() {
        Path properties = writeProperties();
        formatStorageOnce(properties);
        return ChildProcess.start("kafka", ChildProcess.javaCommand(classpath, jvmOptions(), "kafka.Kafka",
                List.of(properties.toString())), dataDirectory, Map.of(), dataDirectory.resolve("kafka.log"));
    }

    /** Graceful shutdown (SIGTERM): the broker flushes and closes its logs. */
    public synchronized void stop() {
        if (stopProcess(Duration.ofSeconds(30))) {
            awaitPortReleased();
        }
    }

    /** SIGKILL, as a crash or a power cut would. */
    public synchronized void kill() {
        if (killProcess()) {
            awaitPortReleased();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPortReleased() {
        Ports.await(() -> !Ports.isListening(port), Duration.ofSeconds(10));
    }

    private List<String> jvmOptions() {
        return List.of("-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dataDirectory.resolve("log4j2.properties"));
    }

    @Override
    protected boolean answers() {
        if (!Ports.isListening(port)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Path writeProperties() {
        try {
            Files.createDirectories(dataDirectory.resolve("logs"));
            Path properties = dataDirectory.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dataDirectory.resolve("logs"),
                    "num.partitions=8",
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.cleaner.dedupe.buffer.size=8388608",
                    "log.retention.hours=-1",
                    ""));
            Files.writeString(dataDirectory.resolve("log4j2.properties"), String.join("\n",
                    "rootLogger.level=WARN",
                    "rootLogger.appenderRef.console.ref=console",
                    "appender.console.type=Console",
                    "appender.console.name=console",
                    "appender.console.layout.type=PatternLayout",
                    "appender.console.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                    "logger.kafka.name=kafka",
                    "logger.kafka.level=INFO",
                    ""));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Kafka configuration in " + dataDirectory, e);
        }
    }

    private void formatStorageOnce(Path properties) {
        if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        ChildProcess format = ChildProcess.start("kafka-storage-format", ChildProcess.javaCommand(classpath,
                        List.of("-Xmx256m"), "kafka.tools.StorageTool",
                        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString(),
                                "--ignore-formatted")),
                dataDirectory, Map.of(), dataDirectory.resolve("kafka-format.log"));
        int exit = format.waitFor(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("Formatting the Kafka storage failed (exit " + exit + "); see "
                    + format.logFile());
        }
    }
}
