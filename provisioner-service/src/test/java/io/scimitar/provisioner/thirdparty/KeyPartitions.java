package io.scimitar.provisioner.thirdparty;

import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.EventKeys;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.awaitility.Awaitility.await;

/**
 * Test objects placed on chosen partitions of the assignment topic (as Kafka's default partitioner places their keys),
 * so that a test can spread users and groups over partitions in an order that matters.
 */
public final class KeyPartitions {

    private static int count;

    private KeyPartitions() {
    }

    /**
     * The partitions of the assignment topic. When no test published to it yet, asking for them makes the broker
     * create it (with its 8 partitions); the first answers then list none, so they are asked for until some show.
     */
    public static synchronized int count() {
        if (count == 0) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers()),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                count = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                        .until(() -> consumer.partitionsFor(AssignmentTopics.ASSIGNMENT_EVENTS, Duration.ofSeconds(10))
                                .size(), partitions -> partitions > 0);
            }
        }
        return count;
    }

    /** The partition of the events of object {@code objectId} of application {@code app}. */
    public static int of(String app, String objectId) {
        byte[] key = EventKeys.key(app, objectId).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % count();
    }

    /** A new user whose events go to a partition {@code where} accepts. */
    public static UserSnapshot userOn(String app, IntPredicate where, Supplier<UserSnapshot> user) {
        while (true) {
            UserSnapshot candidate = user.get();
            if (where.test(of(app, candidate.id()))) {
                return candidate;
            }
        }
    }

    /** A new user named so whose events go to a partition {@code where} accepts. */
    public static UserSnapshot userOn(String app, IntPredicate where, String givenName, String surname) {
        return userOn(app, where, () -> uniqueUser(givenName, surname, "Partitioned"));
    }

    /** A new group id whose events go to a partition {@code where} accepts. */
    public static String groupOn(String app, IntPredicate where) {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (where.test(of(app, id))) {
                return id;
            }
        }
    }
}
