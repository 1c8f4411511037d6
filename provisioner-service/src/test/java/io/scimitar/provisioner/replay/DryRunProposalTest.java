package io.scimitar.provisioner.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroWrites;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A dry run of a proposed configuration: evaluated, not saved, with the values it would send, and a full option. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DryRunProposalTest {

    private static final Map<String, Object> SURNAME_FIRST = Map.of("enabled", true, "create", true, "update", true,
            "delete", true, "mappings", List.of(
                    Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName", "applyOn",
                            "ALWAYS", "matching", true, "matchingPrecedence", 1),
                    Map.of("type", "EXPRESSION", "source", "Join(\", \", [surname], [givenName])", "target",
                            "displayName", "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0)));

    @Test
    void previewsProposedMappingsWithTheirValuesWithoutSavingThem() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Preview", "Values", "D");
        publish(assigned(app, user, 1));
        awaitApplied(job, user);
        int version = asReader().get("/api/v1/jobs/" + job).then().extract().path("version");
        long writes = miroWrites();

        String answer = asAdmin().contentType(ContentType.JSON).body(Map.of("users", SURNAME_FIRST))
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200).extract().asString();

        JsonPath report = JsonPath.from(answer);
        assertThat(report.getInt("counts.UPDATE")).isEqualTo(1);
        assertThat(report.getString("changes[0].sourceId")).isEqualTo(user.id());
        assertThat(report.getList("changes[0].values")).containsExactly(Map.of("displayName", "displayName",
                "oldValue", "Preview Values", "newValue", "Values, Preview"));
        assertThat(answer).doesNotContain(MiroMockResource.TOKEN);
        asReader().get("/api/v1/jobs/" + job).then().body("version", equalTo(version))
                .body("users.mappings.size()", equalTo(6));
        assertThat(miroWrites()).isEqualTo(writes);
        assertThat(miroUsers(user.userPrincipalName()).get(0).path("displayName").asText())
                .isEqualTo("Preview Values");
    }

    @Test
    void aFullDryRunListsEveryObjectInScopeWithItsValues() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Full", "Listing", "D");
        publish(assigned(app, user, 1));
        awaitApplied(job, user);

        JsonPath pending = asAdmin().post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200)
                .extract().jsonPath();
        assertThat(pending.getInt("counts.SKIP")).isEqualTo(1);
        assertThat(pending.getList("changes")).isEmpty();

        JsonPath full = asAdmin().queryParam("full", true).post("/api/v1/jobs/" + job + "/dry-run").then()
                .statusCode(200).extract().jsonPath();
        assertThat(full.getList("changes.sourceId")).containsExactly(user.id());
        assertThat(full.getString("changes[0].action")).isEqualTo("SKIP");
        assertThat(full.getList("changes[0].values.displayName")).contains("userName", "displayName");
        assertThat(full.getList("changes[0].values.newValue")).contains(user.userPrincipalName());

        JsonPath inBody = asAdmin().contentType(ContentType.JSON).body(Map.of("full", true))
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200).extract().jsonPath();
        assertThat(inBody.getList("changes.sourceId")).containsExactly(user.id());
    }

    @Test
    void refusesAnInvalidProposalAsAPutWouldAndSavesNothing() {
        String job = createJob(miroJob(newApplication()));
        int version = asReader().get("/api/v1/jobs/" + job).then().extract().path("version");
        Map<String, Object> broken = Map.of("enabled", true, "create", true, "update", true, "delete", true,
                "mappings", List.of(
                        Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                                "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1),
                        Map.of("type", "EXPRESSION", "source", "Join(\" \", [givenName]", "target", "displayName",
                                "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0)));

        asAdmin().contentType(ContentType.JSON).body(Map.of("users", broken))
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("users.mappings[1]"))
                .body("errors[0].position", org.hamcrest.Matchers.notNullValue());
        asAdmin().contentType(ContentType.JSON).body(Map.of("users", SURNAME_FIRST, "colour", "blue"))
                .post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        asAdmin().queryParam("full", "maybe").post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(400)
                .body("errors[0].field", equalTo("full"));
        asReader().get("/api/v1/jobs/" + job).then().body("version", equalTo(version));
    }

    /**
     * Waits until the job has applied the user: the mock holds it and the job has logged it. The link is stored with
     * the log entry (one statement per batch), after the mock answered, and a dry run plans from the links.
     */
    private static void awaitApplied(String job, UserSnapshot user) {
        await().atMost(Duration.ofSeconds(40)).until(() -> miroUsers(user.userPrincipalName()).size() == 1
                && !asReader().get("/api/v1/jobs/" + job + "/logs").jsonPath().getList("entries").isEmpty());
    }
}
