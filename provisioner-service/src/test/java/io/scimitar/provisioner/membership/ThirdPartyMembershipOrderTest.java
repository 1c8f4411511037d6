package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Membership in every order for the generic SCIM profile against the third-party SCIM 2.0 server (groups created by
 * the job, members referenced by value, requests validated against the RFC schemas).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ThirdPartyMembershipOrderTest extends MembershipOrderScenarios {

    private static ThirdPartyScimServer server;

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    ConnectorProfile profile() {
        return ConnectorProfile.GENERIC_SCIM;
    }

    @Override
    void createJob(String app) {
        ProvisioningFixture.createJob(Map.of("name", "Third party " + app, "applicationId", app,
                "profile", "GENERIC_SCIM", "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN,
                "allowInsecureHttp", true, "status", "ON"));
    }

    @Override
    Group newGroup() {
        String groupId = UUID.randomUUID().toString();
        return new Group(groupId, "Ordre d'arrivée " + groupId.substring(0, 8));
    }

    @Override
    Set<String> targetMembers(Group group) {
        Set<String> ids = new HashSet<>();
        JsonNode found = server.group(group.displayName());
        if (found != null) {
            found.path("members").forEach(member -> ids.add(member.path("value").asText()));
        }
        return ids;
    }

    @Override
    List<JsonNode> targetUsers(String userName) {
        return server.users().stream().filter(user -> user.path("userName").asText().equalsIgnoreCase(userName))
                .toList();
    }
}
