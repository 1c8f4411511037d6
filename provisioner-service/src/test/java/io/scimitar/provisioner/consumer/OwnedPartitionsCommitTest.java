package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.testsupport.KafkaProcessResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applied offsets a job commits without waiting for the broker, on a real broker: what a consumer closed right
 * after the commit was sent (a job stopped) applied is committed, and the group's next member starts after it.
 */
class OwnedPartitionsCommitTest {

    private static final String TOPIC = "owned-commit-" + UUID.randomUUID();
    private static final int PER_PARTITION = 3;

    @BeforeAll
    static void publishTwoPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < 2; partition++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, "app/user-" + partition + "-" + i,
                            new byte[] {1})).get();
                }
            }
        }
    }

    @Test
    void whatIsAppliedIsCommittedWhenTheConsumerClosesRightAfterTheCommitIsSent() throws Exception {
        String group = "owned-commit-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> kafka = consumer(group)) {
            OwnedPartitions owned = new OwnedPartitions(UUID.randomUUID(), TOPIC, kafka, TargetRateLimiter.unlimited());
            kafka.subscribe(List.of(TOPIC), owned);
            // two records a poll: each poll's batch is applied and its commit sent, none waited for
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read < 2 * PER_PARTITION && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(200));
                read += records.count();
                owned.applied(records);
                owned.commitApplied();
            }
            assertThat(read).as("records read").isEqualTo(2 * PER_PARTITION);
            // a stopped job leaves (nothing is committed on revocation then) and closes its consumer without another
            // poll: closing waits for the commit sent
            owned.left();
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed).containsOnlyKeys(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            assertThat(committed.values()).extracting(OffsetAndMetadata::offset)
                    .containsOnly((long) PER_PARTITION);
        }
        try (KafkaConsumer<String, byte[]> next = consumer(group)) {
            next.subscribe(List.of(TOPIC));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (next.assignment().size() < 2 && System.nanoTime() < deadline) {
                read += next.poll(Duration.ofMillis(200)).count();
            }
            assertThat(next.assignment()).as("the group's next member owns both partitions").hasSize(2);
            read += next.poll(Duration.ofSeconds(1)).count();
            assertThat(read).as("the group's next member reads nothing again").isZero();
            assertThat(next.position(new TopicPartition(TOPIC, 0))).isEqualTo(PER_PARTITION);
            assertThat(next.position(new TopicPartition(TOPIC, 1))).isEqualTo(PER_PARTITION);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String servers() {
        return KafkaProcessResource.bootstrapServers();
    }
}
