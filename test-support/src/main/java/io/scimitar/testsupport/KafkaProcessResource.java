package io.scimitar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scimitar.deploy.kafka.KafkaServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Hands Quarkus a real Apache Kafka broker running as its own OS process, started once per test JVM on a fixed free
 * port, for tests that stop, kill and restart the broker ({@link #broker()}). Prefer {@link KafkaBrokerResource}
 * (in the test JVM, faster) when the test never touches the broker's life cycle.
 */
public class KafkaProcessResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaServerProcess broker;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", broker().bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
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
