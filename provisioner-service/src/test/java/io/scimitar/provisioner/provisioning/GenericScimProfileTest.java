package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersRemoved;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generic SCIM 2.0 profile against a plain RFC 7644 endpoint: the mock with Miro's user-group model. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class GenericScimProfileTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void plainScimGroups() {
        miroSettings("{\"groupModel\":\"user-groups\"}");
    }

    @AfterEach
    void backToMiroTeams() {
        miroSettings("{\"groupModel\":\"teams\"}");
    }

    @Test
    void createsFillsAndDeletesGroups() {
        String app = newApplication();
        createJob(Map.of("name", "Generic " + app, "applicationId", app, "profile", "GENERIC_SCIM",
                "tenantUrl", MiroMockResource.scimUrl(), "secretToken", MiroMockResource.TOKEN,
                "allowInsecureHttp", true, "status", "ON"));
        UserSnapshot ann = uniqueUser("Ann", "Generic", "G");
        UserSnapshot bob = uniqueUser("Bob", "Generic", "G");
        publish(assigned(app, ann, 1), assigned(app, bob, 1));
        await().atMost(WAIT).until(() -> miroUsers(ann.userPrincipalName()).size() == 1
                && miroUsers(bob.userPrincipalName()).size() == 1);
        assertThat(miroUsers(ann.userPrincipalName()).get(0).path("externalId").asText()).isEqualTo(ann.id());
        String groupId = UUID.randomUUID().toString();
        String name = "Generic Group " + groupId.substring(0, 8);

        publish(assignedGroup(app, groupId, name, 1), membersAdded(app, groupId, 2, ann.id(), bob.id()));

        JsonNode group = await().atMost(WAIT).until(() -> findGroup(name), found -> found != null
                && found.path("members").size() == 2);
        assertThat(group.path("externalId").asText()).isEqualTo(groupId);

        publish(membersRemoved(app, groupId, 3, bob.id()));
        await().atMost(WAIT).until(() -> memberIds(findGroup(name)).size() == 1);

        publish(GroupAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, 4, "TEST",
                new GroupSnapshot(groupId, name, null, null, true, Instant.now(), Instant.now(), null), false,
                List.of(), false));
        await().atMost(WAIT).until(() -> findGroup(name) == null);
    }

    @Test
    void deletesAHardDeletedGroup() {
        String app = newApplication();
        createJob(Map.of("name", "Generic " + app, "applicationId", app, "profile", "GENERIC_SCIM",
                "tenantUrl", MiroMockResource.scimUrl(), "secretToken", MiroMockResource.TOKEN,
                "allowInsecureHttp", true, "status", "ON"));
        String groupId = UUID.randomUUID().toString();
        String name = "Doomed Group " + groupId.substring(0, 8);
        publish(assignedGroup(app, groupId, name, 1));
        await().atMost(WAIT).until(() -> findGroup(name) != null);

        publish(GroupDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, groupId, 2, name));

        await().atMost(WAIT).until(() -> findGroup(name) == null);
    }

    private static JsonNode findGroup(String displayName) {
        JsonNode list = scim("GET", "/Groups?filter=" + URLEncoder.encode("displayName eq \"" + displayName + "\"",
                StandardCharsets.UTF_8), null);
        if (list.path("totalResults").asInt() == 0) {
            return null;
        }
        return scim("GET", "/Groups/" + list.path("Resources").get(0).path("id").asText(), null);
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }
}
