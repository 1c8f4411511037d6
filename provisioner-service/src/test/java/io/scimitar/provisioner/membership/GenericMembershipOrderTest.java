package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;

/**
 * Membership in every order for the generic SCIM profile, against the mock in its plain SCIM mode (Miro's user-group
 * model: groups created and deleted, no reactivation on add), as {@code GenericScimProfileTest} uses it.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class GenericMembershipOrderTest extends MembershipOrderScenarios {

    @BeforeEach
    void plainScimGroups() {
        miroSettings("{\"groupModel\":\"user-groups\"}");
    }

    @AfterEach
    void backToMiroTeams() {
        miroSettings("{\"groupModel\":\"teams\"}");
    }

    @Override
    ConnectorProfile profile() {
        return ConnectorProfile.GENERIC_SCIM;
    }

    @Override
    void createJob(String app) {
        ProvisioningFixture.createJob(Map.of("name", "Generic " + app, "applicationId", app,
                "profile", "GENERIC_SCIM", "tenantUrl", MiroMockResource.scimUrl(),
                "secretToken", MiroMockResource.TOKEN, "allowInsecureHttp", true, "status", "ON"));
    }

    @Override
    Group newGroup() {
        String groupId = UUID.randomUUID().toString();
        return new Group(groupId, "Order " + groupId.substring(0, 8));
    }

    @Override
    Set<String> targetMembers(Group group) {
        Set<String> ids = new HashSet<>();
        JsonNode list = scim("GET", "/Groups?filter=" + URLEncoder.encode("displayName eq \""
                + group.displayName() + "\"", StandardCharsets.UTF_8), null);
        if (list.path("totalResults").asInt() == 0) {
            return ids;
        }
        JsonNode found = scim("GET", "/Groups/" + list.path("Resources").get(0).path("id").asText(), null);
        found.path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }
}
