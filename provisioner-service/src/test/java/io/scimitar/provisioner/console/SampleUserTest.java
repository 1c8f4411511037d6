package io.scimitar.provisioner.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.events.RoleAssignment;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.ADMIN_KEY;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

/**
 * The console's sample user for expressions and scoping filters, as the job's pipeline sees it: from the newest event
 * published for the application, app roles held through groups included; or the directory's user when the
 * application has none (not assigned).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(DirectoryStandIn.class)
class SampleUserTest {

    @Test
    void showsTheRolesAUserHoldsThroughAGroupAsThePipelineDoes() {
        String application = UUID.randomUUID().toString();
        UserSnapshot user = uniqueUser("Grace", "Hopper", "Research");
        String sales = UUID.randomUUID().toString();
        publish(UserAssignmentEvent.of(UUID.randomUUID(), Instant.now(), application, 1, "TEST", user, true,
                List.of(new RoleAssignment("as-1", "role-user", "User", "Default Access", null)), false),
                UserAssignmentEvent.of(UUID.randomUUID(), Instant.now(), application, 2, "TEST", user, true,
                        List.of(new RoleAssignment("as-1", "role-user", "User", "Default Access", null),
                                new RoleAssignment("as-2", "role-sales", "Sales", "Sales team", sales)), false));

        Response sample = asReader().get("/api/v1/directory/applications/" + application + "/users/" + user.id()
                + "/source-object");

        sample.then().statusCode(200).body("seenIn", equalTo("EVENT")).body("assigned", equalTo(true))
                .body("attributes.displayName", equalTo("Grace Hopper"))
                .body("attributes.physicalDeliveryOfficeName", equalTo("HQ"))
                .body("attributes.IsSoftDeleted", equalTo(false));
        List<Map<String, Object>> roles = sample.path("appRoleAssignments");
        assertThat(roles).extracting(role -> role.get("appRoleId"), role -> role.get("displayName"),
                        role -> role.get("principalType"), role -> role.get("principalId"))
                .containsExactly(tuple("role-user", "Default Access", "User", null),
                        tuple("role-sales", "Sales team", "Group", sales));
    }

    @Test
    void takesAUserTheApplicationHasNotFromTheDirectoryWithNoRole() {
        String application = UUID.randomUUID().toString();

        asAdmin().get("/api/v1/directory/applications/" + application + "/users/" + DirectoryStandIn.ADA
                + "/source-object").then().statusCode(200)
                .body("seenIn", equalTo("DIRECTORY")).body("assigned", equalTo(false))
                .body("appRoleAssignments.size()", equalTo(0))
                .body("attributes.objectId", equalTo(DirectoryStandIn.ADA))
                .body("attributes.displayName", equalTo("Ada Lovelace"))
                .body("attributes.mobile", equalTo("+44 20 7946 0000"))
                .body("attributes.telephoneNumber", equalTo("+44 20 7946 0001"))
                .body("attributes.extension_costCenter", equalTo("CC-7"))
                .body("attributes.IsSoftDeleted", equalTo(true));
        assertThat(DirectoryStandIn.last.pathAndQuery()).isEqualTo("/api/v1/users/" + DirectoryStandIn.ADA);
        assertThat(DirectoryStandIn.last.authorization()).isEqualTo("Bearer " + ADMIN_KEY);

        String unknown = UUID.randomUUID().toString();
        asReader().get("/api/v1/directory/applications/" + application + "/users/" + unknown + "/source-object")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
