package io.scimitar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;

/**
 * Hands Quarkus a real Apache Kafka broker (KRaft, combined broker and controller) started in the test JVM once per
 * JVM, on a free loopback port. When {@code SCIMITAR_TEST_KAFKA_BOOTSTRAP} names an external broker, that one is used
 * instead and nothing is started.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Environment variable naming an external broker's bootstrap servers. */
    public static final String EXTERNAL_BROKER_ENV = "SCIMITAR_TEST_KAFKA_BOOTSTRAP";

    private static String bootstrapServers;
    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // shared by every Quarkus application of this JVM; closed by the shutdown hook
    }

    /** The broker's bootstrap servers, starting the embedded broker on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv(EXTERNAL_BROKER_ENV);
            bootstrapServers = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return bootstrapServers;
    }

    private static String startEmbedded() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "4")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", "8388608")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerResource::closeQuietly, "kafka-test-broker-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    private static void closeQuietly() {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is going away; nothing to recover
        }
    }
}
