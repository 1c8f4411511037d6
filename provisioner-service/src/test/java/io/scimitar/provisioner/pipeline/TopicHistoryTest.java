package io.scimitar.provisioner.pipeline;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

/** Ranges of partitions read one after another by one consumer, on a real broker. */
class TopicHistoryTest {

    private static final String TOPIC = "topic-history-" + UUID.randomUUID();
    private static final String APP = "app-" + UUID.randomUUID();
    /** Per partition: a user event at offsets 0 and 1, one of another application at 2, an unreadable one at 3. */
    private static final List<List<UserAssignmentEvent>> EVENTS = new ArrayList<>();

    @BeforeAll
    static void publishTwoPartitions() throws Exception {
        String servers = KafkaProcessResource.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < 2; partition++) {
                List<UserAssignmentEvent> events = List.of(assigned(APP, uniqueUser("History", "P" + partition, "H"), 1),
                        assigned(APP, uniqueUser("History", "Q" + partition, "H"), 1));
                EVENTS.add(events);
                for (UserAssignmentEvent event : events) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, event.key(),
                            AssignmentEventCodec.encode(event))).get();
                }
                UserAssignmentEvent other = assigned("other-app", uniqueUser("Other", "App", "H"), 1);
                producer.send(new ProducerRecord<>(TOPIC, partition, other.key(), AssignmentEventCodec.encode(other)))
                        .get();
                producer.send(new ProducerRecord<>(TOPIC, partition, APP + "/garbage",
                        "{not json".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    @Test
    void handsEachRecordOfTheRangeWhoseKeyPassesWithItsEventOrNullWhenUnreadable() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<String> read = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                TopicHistory.read(consumer, new TopicPartition(TOPIC, partition), 0, 4,
                        key -> key.startsWith(APP + "/"), () -> true,
                        (record, event) -> read.add(record.partition() + ":" + record.offset() + " "
                                + (event == null ? "unreadable" : event.objectId())));
            }
            assertThat(read).containsExactly(
                    "0:0 " + EVENTS.get(0).get(0).objectId(), "0:1 " + EVENTS.get(0).get(1).objectId(),
                    "0:3 unreadable",
                    "1:0 " + EVENTS.get(1).get(0).objectId(), "1:1 " + EVENTS.get(1).get(1).objectId(),
                    "1:3 unreadable");
        }
    }

    @Test
    void stopsAtTheEndOfTheRange() {
        assertThat(eventsOf(1, 1, 2, true)).containsExactly(EVENTS.get(1).get(1));
    }

    @Test
    void readsNothingOnceNotRunning() {
        assertThat(eventsOf(0, 0, 4, false)).isEmpty();
    }

    @Test
    void aReaderDoesNotLetTheBrokerHoldItsFetchesForNewRecords() {
        Map<String, Object> properties = TopicHistory.readerProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7));
        assertThat(properties).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
        assertThat((int) properties.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))
                .as("the broker's wait for records a fetch lacks, against Kafka's default")
                .isLessThan(ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS);
    }

    /** The events of {@code [from, until)} of one partition, every key, read while {@code running}. */
    private static List<AssignmentEvent> eventsOf(int partition, long from, long until, boolean running) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<AssignmentEvent> read = new ArrayList<>();
            TopicHistory.read(consumer, new TopicPartition(TOPIC, partition), from, until, key -> true,
                    () -> running, (record, event) -> read.add(event));
            return read;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(TopicHistory.readerProperties(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaProcessResource.bootstrapServers())), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
