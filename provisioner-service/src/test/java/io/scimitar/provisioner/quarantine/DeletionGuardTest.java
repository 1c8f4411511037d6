package io.scimitar.provisioner.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import static io.scimitar.provisioner.quarantine.QuarantineTest.quarantineReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Entra's accidental-deletions prevention: the guard trips, holds, notifies, and releases when allowed. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class DeletionGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void holdsDisablesPastTheThresholdUntilAnAdministratorAllowsThem() throws Exception {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("deletionThreshold", 3);
        definition.put("notificationEmail", "deletions@example.com");
        String job = createJob(definition);
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            users.add(uniqueUser("Leaver" + i, "Guarded", "Sales"));
        }
        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> users.stream().allMatch(user -> active(user) == Boolean.TRUE));

        users.forEach(user -> publish(unassigned(app, user, 2)));

        await().atMost(WAIT).until(() -> "TooManyDeletes".equals(quarantineReason(job)));
        await().atMost(WAIT).until(() -> staged(job).size() == 4);
        assertThat(users.stream().filter(user -> active(user) == Boolean.FALSE)).as("disabled before it tripped")
                .hasSize(3);
        assertThat(awaitMails("deletions@example.com", 1).get(0).getSubject()).contains("TooManyDeletes");

        UserSnapshot stays = users.stream().filter(user -> active(user) == Boolean.TRUE).findFirst().orElseThrow();
        publish(assigned(app, stays, 3));
        await().atMost(WAIT).until(() -> staged(job).size() == 3);

        int released = asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/allow").then().statusCode(200)
                .extract().path("released");

        assertThat(released).isEqualTo(3);
        await().atMost(WAIT).until(() -> users.stream().filter(user -> active(user) == Boolean.FALSE).count() == 6);
        assertThat(active(stays)).as("re-assigned while held: the newer state won").isTrue();
        assertThat(quarantineReason(job)).isNull();
        assertThat(staged(job)).isEmpty();
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/logs?action=staged_delete").then().statusCode(200)
                .extract().jsonPath().getList("entries")).hasSize(4);
    }

    @Test
    void aRestartDropsTheHeldDeletionsAndDecidesAgainOrSendsThemWhenForced() {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("deletionThreshold", 1);
        String job = createJob(definition);
        List<UserSnapshot> users = List.of(uniqueUser("First", "Leaver", "Sales"),
                uniqueUser("Second", "Leaver", "Sales"), uniqueUser("Third", "Leaver", "Sales"));
        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> users.stream().allMatch(user -> active(user) == Boolean.TRUE));
        users.forEach(user -> publish(unassigned(app, user, 2)));
        await().atMost(WAIT).until(() -> staged(job).size() == 2);

        asAdmin().contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);

        await().atMost(WAIT).until(() -> users.stream().filter(user -> active(user) == Boolean.FALSE).count() == 2);
        await().atMost(WAIT).until(() -> "TooManyDeletes".equals(quarantineReason(job)) && staged(job).size() == 1);

        asAdmin().contentType("application/json").body("{\"forceDeletes\":true}")
                .post("/api/v1/jobs/" + job + "/restart").then().statusCode(200);

        await().atMost(WAIT).until(() -> users.stream().allMatch(user -> active(user) == Boolean.FALSE));
        await().atMost(WAIT).until(() -> quarantineReason(job) == null && staged(job).isEmpty());
    }

    private static Boolean active(UserSnapshot user) {
        List<JsonNode> found = miroUsers(user.userPrincipalName());
        return found.isEmpty() ? null : found.get(0).path("active").asBoolean();
    }

    private static List<Object> staged(String job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }
}
