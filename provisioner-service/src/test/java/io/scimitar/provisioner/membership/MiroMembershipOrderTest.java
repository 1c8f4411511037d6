package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;

/** Membership in every order for the Miro profile: teams seeded in the mock, matched by name, never created. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class MiroMembershipOrderTest extends MembershipOrderScenarios {

    private final Map<String, String> teamIds = new HashMap<>();

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
