package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What an instance owns before it is in the job's consumer group (no broker needed: nothing is asked of it). */
class OwnedPartitionsTest {

    @Test
    void ownsNoObjectBeforeJoiningTheGroupNorAfterLeavingIt() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9", ConsumerConfig.GROUP_ID_CONFIG, "owned-test"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            OwnedPartitions owned = new OwnedPartitions(UUID.randomUUID(), "scimitar.assignment-events", kafka,
                    TargetRateLimiter.unlimited(), () -> { });

            assertThat(owned.ownsKey("app/user-1")).as("before joining: another instance may own it").isFalse();
            owned.left();
            assertThat(owned.ownsKey("app/user-1")).as("after leaving for a restart").isFalse();
        }
    }
}
