package io.scimitar.provisioner.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static io.scimitar.provisioner.quarantine.QuarantineTest.awaitMails;
import static io.scimitar.provisioner.quarantine.QuarantineTest.mailsTo;
import static io.scimitar.provisioner.quarantine.QuarantineTest.quarantineReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Entra's accidental-deletions prevention against the real pipeline (Kafka, PostgreSQL, the Miro mock, a real SMTP
 * server): a burst past the threshold is held whole, from the first, across job and runner restarts, until an
 * administrator allows or rejects it; a burst within it goes out once its settle window is over.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class DeletionGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int GROUP_SIZE = 197;

    @Test
    void aWholeGroupUnassignedPastTheThresholdSendsNoDisableUntilAllowedWhateverIsRestarted() {
        String app = newApplication();
        String mail = "guard-" + UUID.randomUUID() + "@example.com";
        String job = guardedJob(app, 5, mail);
        List<UserSnapshot> group = provision(app, GROUP_SIZE, "Member");

        group.forEach(user -> publish(unassigned(app, user, 2)));

        await().atMost(WAIT).until(() -> held(job).size() == GROUP_SIZE);
        assertThat(quarantineReason(job)).isEqualTo("TooManyDeletes");
        assertThat(activeInMiro(group)).as("not one disable reached Miro, not even the first five")
                .isEqualTo(GROUP_SIZE);
        JsonNode first = asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions?limit=1").then().statusCode(200)
                .extract().as(JsonNode.class).get(0);
        UserSnapshot someone = group.stream()
                .filter(user -> user.userPrincipalName().equals(first.path("userPrincipalName").asText()))
                .findFirst().orElseThrow();
        assertThat(first.path("displayName").asText()).isEqualTo(someone.displayName());
        assertThat(first.path("action").asText()).isEqualTo("DISABLE");
        assertThat(first.path("cause").asText()).isEqualTo("UNASSIGNED");
        assertThat(first.path("state").asText()).isEqualTo("HELD");
        assertThat(awaitMails(mail, 1)).hasSize(1);

        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);
        restartRunner(job);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> held(job).size() == GROUP_SIZE && "TooManyDeletes".equals(quarantineReason(job)));
        assertThat(activeInMiro(group)).as("restarts neither send nor drop them").isEqualTo(GROUP_SIZE);
        assertThat(mailsTo(mail)).as("one email for the episode").hasSize(1);

        int released = asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/allow").then().statusCode(200)
                .extract().path("released");

        assertThat(released).isEqualTo(GROUP_SIZE);
        await().atMost(WAIT).until(() -> activeInMiro(group) == 0);
        await().atMost(WAIT).until(() -> quarantineReason(job) == null && held(job).isEmpty());
        assertThat(mailsTo(mail)).hasSize(1);
    }

    @Test
    void rejectedDeletionsAreNeverSentAndKeepTheJobQuarantinedUntilTheCauseIsFixed() {
        String app = newApplication();
        String job = guardedJob(app, 2, null);
        List<UserSnapshot> users = provision(app, 4, "Rejected");
        users.forEach(user -> publish(unassigned(app, user, 2)));
        await().atMost(WAIT).until(() -> held(job).size() == 4);

        int rejected = asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/reject").then().statusCode(200)
                .extract().path("rejected");

        assertThat(rejected).isEqualTo(4);
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions").then().statusCode(200).extract()
                .jsonPath().<String>getList("state")).containsOnly("REJECTED").hasSize(4);
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/logs?action=staged_delete").then().statusCode(200)
                .extract().jsonPath().<String>getList("entries.errorCode")).filteredOn("DeletionRejected"::equals)
                .hasSize(4);
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> "TooManyDeletes".equals(quarantineReason(job)));
        assertThat(activeInMiro(users)).as("rejected: the users stay active in Miro").isEqualTo(4);
        asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/reject").then().statusCode(409)
                .contentType("application/problem+json");

        users.forEach(user -> publish(assigned(app, user, 3)));

        await().atMost(WAIT).until(() -> quarantineReason(job) == null && held(job).isEmpty());
        assertThat(activeInMiro(users)).isEqualTo(4);
    }

    @Test
    void deletionsWithinTheThresholdGoOutOnceTheirSettleWindowIsOver() {
        String app = newApplication();
        String job = guardedJob(app, 5, null);
        asAdmin().contentType(ContentType.JSON).body("{\"settleSeconds\":4}")
                .put("/api/v1/jobs/" + job + "/deletion-guard").then().statusCode(200);
        List<UserSnapshot> users = provision(app, 3, "Leaver");

        users.forEach(user -> publish(unassigned(app, user, 2)));

        await().atMost(WAIT).until(() -> activeInMiro(users) == 0);
        assertThat(quarantineReason(job)).isNull();
        // a settling deletion is not logged; it is logged once, when it goes out
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/logs?action=staged_delete").then().statusCode(200)
                .extract().jsonPath().<String>getList("entries")).isEmpty();
        await().atMost(WAIT).until(() -> asAdmin().get("/api/v1/jobs/" + job + "/logs?action=disable").then()
                .statusCode(200).extract().jsonPath().<String>getList("entries").size() == 3);
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/deletion-guard").then().statusCode(200).extract()
                .jsonPath().getInt("releasedInWindow")).isEqualTo(3);
    }

    @Test
    void badDecisionsAndSettingsAreProblems() {
        String job = guardedJob(newApplication(), 5, null);
        asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/allow").then().statusCode(409)
                .contentType("application/problem+json");
        asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/clear").then().statusCode(409)
                .contentType("application/problem+json");
        asAdmin().post("/api/v1/jobs/" + UUID.randomUUID() + "/staged-deletions/allow").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body("{\"settleSeconds\":0,\"countingWindowMinutes\":5000}")
                .put("/api/v1/jobs/" + job + "/deletion-guard").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("settleSeconds",
                        "countingWindowMinutes"));
    }

    private static String guardedJob(String app, int threshold, String mail) {
        Map<String, Object> definition = miroJob(app);
        definition.put("deletionThreshold", threshold);
        if (mail != null) {
            definition.put("notificationEmail", mail);
        }
        return createJob(definition);
    }

    private static List<UserSnapshot> provision(String app, int count, String surname) {
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(uniqueUser("Guarded" + i, surname, "Sales"));
        }
        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> users.stream().allMatch(user -> active(user) == Boolean.TRUE));
        return users;
    }

    /** Pauses the job (its runner stops) and starts it again: it reads its quarantine anew, as a new instance does. */
    private static void restartRunner(String job) {
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
    }

    private static long activeInMiro(List<UserSnapshot> users) {
        return users.stream().filter(user -> active(user) == Boolean.TRUE).count();
    }

    private static Boolean active(UserSnapshot user) {
        List<JsonNode> found = miroUsers(user.userPrincipalName());
        return found.isEmpty() ? null : found.get(0).path("active").asBoolean();
    }

    private static List<Object> held(String job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }
}
