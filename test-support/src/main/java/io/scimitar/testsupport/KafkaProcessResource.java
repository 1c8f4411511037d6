package io.scimitar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scimitar.deploy.kafka.KafkaServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Hands Quarkus a real Apache Kafka broker (KRaft) running as its own OS process, started once per test JVM on a free
 * loopback port; tests may stop, kill and restart it through {@link #broker()}. When
 * {@code SCIMITAR_TEST_KAFKA_BOOTSTRAP} names an external broker, that one is used instead and nothing is started.
 */
public class KafkaProcessResource implements QuarkusTestResourceLifecycleManager {

    /** Environment variable naming an external broker's bootstrap servers. */
    public static final String EXTERNAL_BROKER_ENV = "SCIMITAR_TEST_KAFKA_BOOTSTRAP";

    private static KafkaServerProcess broker;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    /** The external broker's address if the environment names one, else the process broker's (started if needed). */
    public static String bootstrapServers() {
        String external = System.getenv(EXTERNAL_BROKER_ENV);
        return external != null && !external.isBlank() ? external : broker().bootstrapServers();
    }

    @Override
    public void stop() {
        // shared by every Quarkus application of this JVM; stopped by the shutdown hook
    }

    /** The broker process, started on first use; tests may stop, kill and start it again. */
    public static synchronized KafkaServerProcess broker() {
        if (broker == null) {
            try {
                broker = KafkaServerProcess.onFreePorts(Files.createTempDirectory("scimitar-kafka-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::kill, "kafka-process-stop"));
        }
        return broker;
    }
}
