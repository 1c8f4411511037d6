package io.scimitar.provisioner.consumer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.clearMiroCounters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a job does when the service stops (SIGTERM in Kubernetes): finish its batch, commit it, leave its group. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class GracefulStopTest {

    @Inject
    JobRunnerRegistry runners;

    @Test
    void aJobStoppedDuringABatchCommitsTheBatchAndLeavesItsConsumerGroup() throws Exception {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot first = uniqueUser("Before", "Stop", "Shutdown");
        publish(assigned(app, first, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> miroUsers(first.userPrincipalName()).size() == 1);
        String group = "scimitar-provisioner-job-" + job;
        try {
            // a user created in Miro behind the job's back after its target read: the job's create is refused as a
            // duplicate, then it looks the user up by a filter query, which the mock answers slowly
            UserSnapshot slow = uniqueUser("During", "Stop", "Shutdown");
            scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + slow.userPrincipalName() + "\",\"displayName\":\"Seeded\"}");
            miroFaults("[{\"endpoint\":\"USERS_LIST\",\"latencyMs\":5000}]");
            clearMiroCounters();
            RecordMetadata sent = send(assigned(app, slow, 1));
            // the refused create is answered: the job now waits for the slow query, its batch is in flight
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> counters().path("USERS_CREATE").size() > 0);

            runners.stop(UUID.fromString(job));

            assertThat(miroUsers(slow.userPrincipalName())).as("the batch in flight was finished")
                    .singleElement().satisfies(user -> assertThat(user.path("displayName").asText())
                            .isEqualTo("During Stop"));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaProcessResource.bootstrapServers()))) {
                TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull();
                assertThat(committed.get(partition).offset()).as("the finished batch is committed")
                        .isGreaterThan(sent.offset());
                var description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                assertThat(description.members()).as("the consumer left its group on close").isEmpty();
                assertThat(description.groupState()).isEqualTo(GroupState.EMPTY);
            }
        } finally {
            miroFaults("[]");
        }
    }

    private static RecordMetadata send(UserAssignmentEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(AssignmentTopics.ASSIGNMENT_EVENTS, event.key(),
                    AssignmentEventCodec.encode(event))).get();
        }
    }
}
