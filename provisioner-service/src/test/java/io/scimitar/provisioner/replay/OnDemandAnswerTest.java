package io.scimitar.provisioner.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersRemoved;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

/** What provision on demand answers: why a user is out of scope, and which members a group gained or lost. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class OnDemandAnswerTest {

    @Test
    void aUserWhoExistsButIsNotAssignedIsOutOfScopeNotMissing() {
        String app = newApplication();
        String other = newApplication();
        String job = createJob(paused(app));
        UserSnapshot elsewhere = uniqueUser("Assigned", "Elsewhere", "S");
        publish(assigned(other, elsewhere, 1));

        List<Map<String, Object>> entries = onDemand(job, Map.of("userId", elsewhere.id())).then().statusCode(200)
                .extract().jsonPath().getList("$");

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("status", "SKIPPED")
                .containsEntry("errorCode", "EntrySynchronizationSkipped")
                .containsEntry("sourceDisplay", elsewhere.userPrincipalName());
        assertThat((String) entries.get(0).get("errorReason")).contains("not assigned to the application");
        assertThat(steps(entries.get(0))).extracting(step -> step.get("type")).containsExactly("IMPORT", "SCOPING");
        assertThat(miroUsers(elsewhere.userPrincipalName())).isEmpty();

        onDemand(job, Map.of("userId", UUID.randomUUID().toString())).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aUserFilteredOutIsAnsweredWithTheClauseThatFailed() {
        String app = newApplication();
        Map<String, Object> filtered = paused(app);
        Map<String, Object> users = new HashMap<>(Map.of("enabled", true, "create", true, "update", true,
                "delete", true));
        users.put("mappings", List.of(Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1)));
        users.put("scopingFilters", List.of(Map.of("title", "Sales only", "clauses",
                List.of(Map.of("attribute", "department", "operator", "EQUALS", "value", "Sales")))));
        filtered.put("users", users);
        String job = createJob(filtered);
        UserSnapshot engineer = uniqueUser("Filtered", "Out", "Engineering");
        publish(assigned(app, engineer, 1));

        List<Map<String, Object>> entries = onDemand(job, Map.of("userId", engineer.id())).then().statusCode(200)
                .extract().jsonPath().getList("$");

        assertThat(entries.get(0)).containsEntry("status", "SKIPPED");
        assertThat((String) entries.get(0).get("errorReason")).contains("department");
        assertThat(steps(entries.get(0))).anySatisfy(step -> {
            assertThat(step.get("type")).isEqualTo("SCOPING");
            assertThat((String) step.get("description")).contains("department");
        });
        assertThat(miroUsers(engineer.userPrincipalName())).isEmpty();
    }

    @Test
    void aGroupOnDemandListsTheMembersItAddedAndRemoved() {
        String app = newApplication();
        String job = createJob(paused(app));
        String groupId = UUID.randomUUID().toString();
        String teamName = "Answer " + groupId.substring(0, 8);
        ProvisioningFixture.seedTeam(teamName);
        UserSnapshot first = uniqueUser("Member", "First", "M");
        UserSnapshot second = uniqueUser("Member", "Second", "M");
        publish(assigned(app, first, 1), assigned(app, second, 1), assignedGroup(app, groupId, teamName, 1),
                membersAdded(app, groupId, 2, first.id(), second.id()));

        JsonPath added = onDemand(job, Map.of("groupId", groupId)).then().statusCode(200).extract().jsonPath();

        assertThat(added.getList("membersAdded.userId")).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(added.getList("membersAdded.userPrincipalName"))
                .containsExactlyInAnyOrder(first.userPrincipalName(), second.userPrincipalName());
        assertThat(added.getList("membersAdded.targetId")).doesNotContainNull();
        assertThat(added.getList("membersRemoved")).isEmpty();
        assertThat(added.getList("entries.objectType")).contains("User", "Group");

        publish(membersRemoved(app, groupId, 3, second.id()));
        JsonPath removed = onDemand(job, Map.of("groupId", groupId)).then().statusCode(200).extract().jsonPath();

        assertThat(removed.getList("membersRemoved.userId")).containsExactly(second.id());
        assertThat(removed.getList("membersAdded")).isEmpty();
    }

    private static Map<String, Object> paused(String app) {
        Map<String, Object> job = miroJob(app);
        job.put("status", "OFF");
        return job;
    }

    private static io.restassured.response.Response onDemand(String job, Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body)
                .post("/api/v1/jobs/" + job + "/provision-on-demand");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> entry) {
        return (List<Map<String, Object>>) entry.get("steps");
    }
}
