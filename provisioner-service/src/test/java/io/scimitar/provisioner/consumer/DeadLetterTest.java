package io.scimitar.provisioner.consumer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.EventKeys;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DeadLetterTest {

    @Test
    void sendsUnreadableEventsToTheDeadLetterTopicAndGoesOn() throws Exception {
        String app = newApplication();
        String job = createJob(miroJob(app));
        String garbageKey = EventKeys.key(app, "garbage");
        String futureKey = EventKeys.key(app, "future");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(AssignmentTopics.ASSIGNMENT_EVENTS, garbageKey,
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(AssignmentTopics.ASSIGNMENT_EVENTS, futureKey,
                    "{\"type\":\"user.deleted\",\"schemaVersion\":99}".getBytes(StandardCharsets.UTF_8))).get();
        }
        UserSnapshot after = uniqueUser("After", "Poison", "DLQ");
        publish(assigned(app, after, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> miroUsers(after.userPrincipalName()).size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(job, 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(garbageKey, futureKey);
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, DeadLetterPublisher.JOB_HEADER)).isEqualTo(job);
            assertThat(header(record, DeadLetterPublisher.ORIGIN_HEADER)).startsWith(AssignmentTopics.ASSIGNMENT_EVENTS);
        });
        assertThat(dead).anySatisfy(record -> assertThat(header(record, DeadLetterPublisher.REASON_HEADER))
                .contains("Unsupported schema version 99"));
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(String job, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(AssignmentTopics.ASSIGNMENT_EVENTS + ".dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (job.equals(header(record, DeadLetterPublisher.JOB_HEADER))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
