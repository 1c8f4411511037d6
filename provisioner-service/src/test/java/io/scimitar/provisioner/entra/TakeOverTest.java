package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Moving a Miro tenant that Entra provisioned: the Miro mock already holds the users (none linked to the job), the
 * job is imported from Entra's Miro schema, the take-over preview says beforehand how many users are linked, updated
 * and created (over every user in scope, beyond the dry run's listing), and the started job links every one by its
 * matching attribute, creating none and duplicating none.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TakeOverTest {

    private static final int USERS = 6;
    private static final int RENAMED_IN_SOURCE = 2;
    /** More than the dry run lists (1,000), so only counting over the whole scope gives these figures. */
    private static final int PRE_SEEDED = 1_500;
    private static final int NEW_USERS = 100;
    private static final int HELD_TWICE = 10;
    private static final int SAMPLES = 20;

    @Test
    void takesOverATenantEntraProvisionedLinkingEveryUserAndCreatingNone() {
        String app = newApplication();
        Map<UserSnapshot, String> seeded = new LinkedHashMap<>();
        for (int i = 0; i < USERS; i++) {
            UserSnapshot user = uniqueUser("Taken", "Over" + i, "Sales");
            String displayName = i < RENAMED_IN_SOURCE ? "Name Entra sent " + i : user.displayName();
            seeded.put(user, scim("POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                     "displayName":"%s","emails":[{"primary":true,"type":"work","value":"%s"}],
                     "name":{"givenName":"%s","familyName":"%s"}}""".formatted(user.userPrincipalName(), displayName,
                    user.mail(), user.givenName(), user.surname())).path("id").asText());
        }
        Map<String, Object> connection = miroJob(app);
        connection.put("status", "OFF");
        String job = EntraSchemaApiTest.importSchema(connection, EntraSchemas.load(EntraSchemas.MIRO_GALLERY))
                .then().statusCode(201).extract().path("job.id");
        List<UserSnapshot> users = new ArrayList<>(seeded.keySet());
        users.forEach(user -> publish(assigned(app, user, 1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().contentType(ContentType.JSON)
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200)
                .body("counts.CREATE", equalTo(USERS)));
        countedPreview(job)
                .body("link", equalTo(USERS - RENAMED_IN_SOURCE))
                .body("linkAndUpdate", equalTo(RENAMED_IN_SOURCE))
                .body("create", equalTo(0))
                .body("duplicate", equalTo(0))
                .body("complete", equalTo(true))
                .body("dryRunCounts.CREATE", equalTo(USERS));

        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> asReader().get("/api/v1/jobs/" + job + "/logs")
                .jsonPath().getList("entries").size() == USERS);
        asReader().queryParam("action", "create").get("/api/v1/jobs/" + job + "/logs").then()
                .body("entries.size()", equalTo(0));
        asReader().queryParam("status", "failure").get("/api/v1/jobs/" + job + "/logs").then()
                .body("entries.size()", equalTo(0));
        seeded.forEach((user, targetId) -> {
            assertThat(miroUsers(user.userPrincipalName())).singleElement().satisfies(target -> {
                assertThat(target.path("id").asText()).isEqualTo(targetId);
                assertThat(target.path("displayName").asText()).isEqualTo(user.displayName());
            });
        });
    }

    @Test
    void countsATakeOverOfMoreUsersThanTheDryRunListsExactlyFromTheTargetIndex() {
        String app = newApplication();
        String run = app.substring(0, 8);
        List<AssignmentEvent> events = new ArrayList<>();
        for (int i = 0; i < PRE_SEEDED; i++) {
            UserSnapshot user = uniqueUser("Seeded", "Many" + i + run, "Sales");
            seedMiroUser(user.userPrincipalName(), user);
            events.add(assigned(app, user, 1));
        }
        for (int i = 0; i < NEW_USERS; i++) {
            events.add(assigned(app, uniqueUser("Not", "There" + i + run, "Sales"), 1));
        }
        for (int i = 0; i < HELD_TWICE; i++) {
            // no target user has its userName; two hold its display name, the job's second matching attribute
            UserSnapshot user = uniqueUser("Held", "Twice" + i + run, "Sales");
            seedMiroUser("first." + user.userPrincipalName(), user);
            seedMiroUser("second." + user.userPrincipalName(), user);
            events.add(assigned(app, user, 1));
        }
        Map<String, Object> connection = miroJob(app);
        connection.put("status", "OFF");
        String job = EntraSchemaApiTest.importSchema(connection, matchingAlsoOnDisplayName())
                .then().statusCode(201).extract().path("job.id");
        publish(events.toArray(AssignmentEvent[]::new));
        int users = PRE_SEEDED + NEW_USERS + HELD_TWICE;

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().contentType(ContentType.JSON)
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200)
                .body("counts.CREATE", equalTo(users))
                .body("truncated", equalTo(true)));
        countedPreview(job)
                .body("link", equalTo(PRE_SEEDED))
                .body("linkAndUpdate", equalTo(0))
                .body("create", equalTo(NEW_USERS))
                .body("duplicate", equalTo(HELD_TWICE))
                .body("complete", equalTo(true))
                .body("dryRunCounts.CREATE", equalTo(users))
                .body("samples.link", hasSize(SAMPLES))
                .body("samples.create", hasSize(SAMPLES))
                .body("samples.create[0].targetIds", hasSize(0))
                .body("samples.duplicate", hasSize(HELD_TWICE))
                .body("samples.duplicate[0].matchedOn", equalTo("displayName"))
                .body("samples.duplicate[0].targetIds", hasSize(2))
                .body("targetReadAt", org.hamcrest.Matchers.notNullValue())
                .body("detail", nullValue());
    }

    /** Asks for the job's take-over preview until it has counted (it reads the target into the index first). */
    private static ValidatableResponse countedPreview(String job) {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/jobs/" + job
                + "/take-over-preview").then().statusCode(200).extract().path("status").equals("COUNTED"));
        return asAdmin().get("/api/v1/jobs/" + job + "/take-over-preview").then().statusCode(200)
                .body("status", equalTo("COUNTED"));
    }

    /**
     * Entra's Miro schema with the display name as a second matching attribute, after userName (Miro keeps userName
     * unique and derives the email from it, so only a display name can be held twice).
     */
    private static JsonNode matchingAlsoOnDisplayName() {
        JsonNode schema = EntraSchemas.load(EntraSchemas.MIRO_GALLERY);
        for (JsonNode mapping : schema.path("synchronizationRules").get(0).path("objectMappings").get(0)
                .path("attributeMappings")) {
            if (mapping.path("targetAttributeName").asText().equals("displayName")) {
                ((ObjectNode) mapping).put("matchingPriority", 2);
            }
        }
        return schema;
    }

    private static void seedMiroUser(String userName, UserSnapshot user) {
        scim("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                 "displayName":"%s","emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"givenName":"%s","familyName":"%s"}}""".formatted(userName, user.displayName(),
                user.mail(), user.givenName(), user.surname()));
    }
}
