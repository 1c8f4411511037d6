package io.scimitar.assignment.application;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.ApplicationTap;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationStateEvent;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ApplicationEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void publishesCreationRenameAndDeletionOnTheApplicationTopicInOrder() {
        try (ApplicationTap tap = new ApplicationTap()) {
            String app = Api.createApplication("Lifecycle");
            given().contentType(ContentType.JSON).body(Map.of("displayName", "Lifecycle renamed"))
                    .patch("/api/v1/applications/" + app).then().statusCode(200);
            given().delete("/api/v1/applications/" + app).then().statusCode(204);

            List<ApplicationEvent> events = tap.await(app, 3);
            assertThat(events).hasSize(3);
            assertThat(events.get(0)).isInstanceOfSatisfying(ApplicationStateEvent.class, created -> {
                assertThat(created.cause()).isEqualTo(ApplicationStateEvent.CREATED);
                assertThat(created.displayName()).isEqualTo("Lifecycle");
            });
            assertThat(events.get(1)).isInstanceOfSatisfying(ApplicationStateEvent.class, renamed -> {
                assertThat(renamed.cause()).isEqualTo(ApplicationStateEvent.UPDATED);
                assertThat(renamed.displayName()).isEqualTo("Lifecycle renamed");
            });
            assertThat(events.get(2)).isInstanceOf(ApplicationDeletedEvent.class);
            assertThat(events).extracting(ApplicationEvent::version).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void relaysEachRowToItsTopic() {
        try (ApplicationTap applications = new ApplicationTap(); EventTap assignments = EventTap.open()) {
            String app = Api.createApplication("Two topics");
            Api.assign(app, Api.createUser("twotopics"));

            List<AssignmentEvent> assigned = assignments.await(EventTap.forApplication(app), 1, Duration.ofSeconds(30));
            assertThat(assigned).allMatch(event -> event.applicationId().equals(app));
            // an application event on the assignment topic would fail the tap's decoding (unknown type)
            assertThat(applications.await(app, 1)).singleElement().isInstanceOf(ApplicationStateEvent.class);
        }
    }

    @Test
    void createsTheApplicationTopicCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, AssignmentTopics.APPLICATION_EVENTS);
            new ApplicationTap().close();
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
