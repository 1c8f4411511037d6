package io.scimitar.provisioner.directory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationEventCodec;
import io.scimitar.events.ApplicationStateEvent;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.provisioner.error.Problem;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A job needs an application the directory announced on the application topic: unknown or deleted ones are refused
 * with 422 naming applicationId, and the topic's events (real Kafka, produced with the codec) fill what is known.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class KnownApplicationTest {

    @Inject
    KnownApplicationRepository applications;

    @Test
    void refusesAJobForAnApplicationTheDirectoryNeverAnnounced() {
        String unknown = UUID.randomUUID().toString();
        int before = jobCount();
        asAdmin().contentType(ContentType.JSON).body(miroJob(unknown)).post("/api/v1/jobs").then()
                .statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("applicationId"))
                .body("errors[0].message", containsString("has not seen application " + unknown))
                .body("detail", containsString("not known yet"));
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void refusesAJobForADeletedApplicationAndMarksTheJobsItHad() {
        String app = KnownApplications.known();
        String job = createJob(miroJob(app));
        asReader().get("/api/v1/jobs/" + job).then().statusCode(200).body("applicationDeleted", equalTo(false));

        KnownApplications.deleted(app);

        asAdmin().contentType(ContentType.JSON).body(miroJob(app)).post("/api/v1/jobs").then()
                .statusCode(422).body("errors[0].field", equalTo("applicationId"))
                .body("errors[0].message", containsString("was deleted from the directory"));
        asReader().get("/api/v1/jobs/" + job).then().statusCode(200).body("applicationDeleted", equalTo(true));
        // the job keeps its application and can still be changed (e.g. renamed or paused)
        Map<String, Object> renamed = miroJob(app);
        renamed.put("name", "Renamed after deletion");
        renamed.remove("secretToken");
        asAdmin().contentType(ContentType.JSON).body(renamed).put("/api/v1/jobs/" + job).then().statusCode(200)
                .body("applicationDeleted", equalTo(true));
    }

    @Test
    void refusesMovingAJobToAnUnknownApplication() {
        String job = createJob(miroJob(KnownApplications.known()));
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> moved = miroJob(unknown);
        moved.remove("secretToken");
        asAdmin().contentType(ContentType.JSON).body(moved).put("/api/v1/jobs/" + job).then()
                .statusCode(422).body("errors[0].field", equalTo("applicationId"));
        asReader().get("/api/v1/jobs/" + job).then().statusCode(200)
                .body("applicationId", org.hamcrest.Matchers.not(equalTo(unknown)));
    }

    @Test
    void learnsApplicationsFromTheTopicAndKeepsTheNewestVersion() throws Exception {
        ensureCompactedTopic();
        String app = UUID.randomUUID().toString();
        asAdmin().contentType(ContentType.JSON).body(miroJob(app)).post("/api/v1/jobs").then().statusCode(422);

        produce(ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), app, 3, ApplicationStateEvent.CREATED,
                "From the topic"));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(app).isPresent());
        assertThat(known(app).orElseThrow().displayName()).isEqualTo("From the topic");
        String job = createJob(miroJob(app));

        produce(ApplicationDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, 5, "From the topic"));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(app).orElseThrow().deleted());
        asReader().get("/api/v1/jobs/" + job).then().statusCode(200).body("applicationDeleted", equalTo(true));

        // an older event delivered again after the deletion does not bring the application back
        produce(ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), app, 4, ApplicationStateEvent.UPDATED,
                "Stale copy"));
        String marker = UUID.randomUUID().toString();
        produce(ApplicationStateEvent.of(UUID.randomUUID(), Instant.now(), marker, 1, ApplicationStateEvent.CREATED,
                "Marker"));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(marker).isPresent());
        assertThat(known(app).orElseThrow()).satisfies(stored -> {
            assertThat(stored.deleted()).isTrue();
            assertThat(stored.version()).isEqualTo(5);
        });
    }

    private Optional<KnownApplication> known(String applicationId) {
        return applications.find(applicationId).await().atMost(Duration.ofSeconds(10));
    }

    private static void ensureCompactedTopic() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaProcessResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(AssignmentTopics.APPLICATION_EVENTS, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void produce(ApplicationEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(AssignmentTopics.APPLICATION_EVENTS, event.key(),
                    ApplicationEventCodec.encode(event))).get();
        }
    }

    private static int jobCount() {
        return asReader().get("/api/v1/jobs").then().extract().jsonPath().getList("$").size();
    }
}
