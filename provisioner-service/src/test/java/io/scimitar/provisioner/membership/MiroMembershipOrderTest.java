package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;

import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Membership in every order for the Miro profile: teams seeded in the mock, matched by name, never created. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class MiroMembershipOrderTest extends MembershipOrderScenarios {

    private final Map<String, String> teamIds = new HashMap<>();

    /**
     * Observed: while a member's disable settled in the deletion guard its link still read ACTIVE, so the rule added
     * it to the team (Miro reactivates a user added to a team), and once deactivated it stayed there.
     */
    @Test
    void aMemberWhoseDisableIsSettlingIsNotAddedToItsTeam() {
        String app = newApplication();
        String job = ProvisioningFixture.createJob(miroJob(app));
        // a settle window longer than the test: the disable goes out when the test allows it
        asAdmin().contentType(ContentType.JSON).body("{\"settleSeconds\":600,\"countingWindowMinutes\":60}")
                .put("/api/v1/jobs/" + job + "/deletion-guard").then().statusCode(200);
        Group group = newGroup();
        UserSnapshot member = uniqueUser("Settling", "Leaver", "Order");
        UserSnapshot witness = uniqueUser("Settling", "Witness", "Order");
        publish(assigned(app, member, 1), assigned(app, witness, 1),
                assignedGroup(app, group.sourceId(), group.displayName(), 1));
        awaitActive(member, true);
        awaitActive(witness, true);

        publish(assigned(app, disabled(member), 2));
        await().atMost(WAIT).until(() -> settling(job).contains(member.id()));
        publish(membersAdded(app, group.sourceId(), 2, member.id()),
                // a later change of the same group: once the witness is in the team, the one before was applied
                membersAdded(app, group.sourceId(), 3, witness.id()));
        awaitMember(group, witness);

        assertThat(targetMembers(group)).doesNotContain(targetId(member));
        assertThat(account(member).path("active").asBoolean()).isTrue();
        asAdmin().post("/api/v1/jobs/" + job + "/staged-deletions/allow").then().statusCode(200);
        awaitActive(member, false);
        assertThat(targetMembers(group)).doesNotContain(targetId(member));
    }

    private static List<String> settling(String job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.state == 'SETTLING' }.objectId");
    }

    @Override
    ConnectorProfile profile() {
        return ConnectorProfile.MIRO;
    }

    @Override
    void createJob(String app) {
        ProvisioningFixture.createJob(miroJob(app));
    }

    @Override
    Group newGroup() {
        String name = "Order " + UUID.randomUUID().toString().substring(0, 8);
        teamIds.put(name, seedTeam(name));
        return new Group(UUID.randomUUID().toString(), name);
    }

    @Override
    Set<String> targetMembers(Group group) {
        Set<String> ids = new HashSet<>();
        for (JsonNode member : miroTeam(teamIds.get(group.displayName())).path("members")) {
            ids.add(member.path("value").asText());
        }
        return ids;
    }
}
