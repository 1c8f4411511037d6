package io.scimitar.provisioner.drift;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.drift.DriftFixture.awaitProvisioned;
import static io.scimitar.provisioner.drift.DriftFixture.differences;
import static io.scimitar.provisioner.drift.DriftFixture.editMiroUser;
import static io.scimitar.provisioner.drift.DriftFixture.reconcile;
import static io.scimitar.provisioner.drift.DriftFixture.replaceOp;
import static io.scimitar.provisioner.drift.DriftFixture.resetMiro;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Repair policies the test does not reach, through the real Miro mock: an orphan linked to the source user it
 * matches (not created again, not deleted), a team renamed in Miro given its name back, orphan groups deleted on a
 * target that deletes groups (within the deletion threshold) and refused for Miro's teams.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DriftRepairPoliciesTest {

    @Inject
    LinkRepository links;

    @Inject
    ProvisioningLogRepository log;

    @Inject
    Pool database;

    /** A link lost (say, a database restored from an older backup): the target user is an orphan that matches. */
    @Test
    void linksAnOrphanToTheSourceUserItMatchesInsteadOfCreatingOrDeletingIt() {
        resetMiro();
        String app = newApplication();
        UUID job = UUID.fromString(createJob(miroJob(app)));
        UserSnapshot user = uniqueUser("Orphan", "Linked", "Sales");
        publish(assigned(app, user, 1));
        String targetId = awaitProvisioned(links, job, ObjectType.USER, user.id()).targetId();
        database.preparedQuery("delete from object_link where job_id = $1 and source_id = $2")
                .execute(Tuple.of(job, user.id())).await().indefinitely();
        editMiroUser(targetId, "{\"displayName\":\"Edited in Miro\"}");

        JsonPath report = reconcile(job, "{\"mode\":\"REPORT\"}");
        assertThat(report.getMap("found")).containsExactlyEntriesOf(Map.of("ORPHAN", 1));
        List<Map<String, Object>> orphans = differences(job, report.getString("id"));
        assertThat(orphans).singleElement().satisfies(d -> {
            assertThat(d.get("targetId")).isEqualTo(targetId);
            assertThat(d.get("detail")).isEqualTo("would match source user " + user.id() + " (not linked)");
        });

        JsonPath repair = reconcile(job, "{\"mode\":\"REPAIR\",\"policies\":{\"orphans\":\"LINK\"}}");
        assertThat(repair.getMap("found")).containsExactlyEntriesOf(Map.of("ORPHAN", 1));
        assertThat(repair.getMap("repaired")).containsExactlyEntriesOf(Map.of("ORPHAN", 1));
        assertThat(differences(job, repair.getString("id"))).singleElement()
                .satisfies(d -> assertThat((String) d.get("outcome")).startsWith("linked to source user " + user.id()));
        ObjectLink link = links.find(job, ObjectType.USER, user.id()).await().indefinitely().orElseThrow();
        assertThat(link.targetId()).isEqualTo(targetId);
        assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
        assertThat(miroUsers(user.userPrincipalName())).singleElement().satisfies(found -> {
            assertThat(found.path("id").asText()).isEqualTo(targetId);
            assertThat(found.path("displayName").asText()).isEqualTo(user.displayName());
            assertThat(found.path("active").asBoolean()).isTrue();
        });

        assertThat(reconcile(job, null).getMap("found")).isEmpty();
    }

    @Test
    void givesATeamRenamedInMiroItsNameBack() {
        resetMiro();
        String app = newApplication();
        UUID job = UUID.fromString(createJob(miroJob(app)));
        String name = "Drift team " + app;
        String teamId = seedTeam(name);
        String groupId = "g-" + app;
        publish(assignedGroup(app, groupId, name, 1));
        assertThat(awaitProvisioned(links, job, ObjectType.GROUP, groupId).targetId()).isEqualTo(teamId);
        scim("PATCH", "/Groups/" + teamId, replaceOp("displayName", "\"Renamed behind the job's back\""));

        JsonPath report = reconcile(job, null);
        assertThat(report.getMap("found")).containsExactlyEntriesOf(Map.of("ATTRIBUTE", 1));
        assertThat(differences(job, report.getString("id"))).singleElement().satisfies(d -> {
            assertThat(d.get("objectType")).isEqualTo("Group");
            assertThat(d.get("sourceId")).isEqualTo(groupId);
            assertThat(d.get("attribute")).isEqualTo("displayName");
            assertThat(d.get("expected")).isEqualTo(name);
            assertThat(d.get("found")).isEqualTo("Renamed behind the job's back");
        });

        JsonPath repair = reconcile(job, "{\"mode\":\"REPAIR\"}");
        assertThat(repair.getMap("repaired")).containsExactlyEntriesOf(Map.of("ATTRIBUTE", 1));
        assertThat(miroTeam(teamId).path("displayName").asText()).isEqualTo(name);
        assertThat(log.forObject(job, groupId).await().indefinitely()).anySatisfy(entry -> {
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.name()).isEqualTo("EntryDriftFound"));
            assertThat(entry.modifiedProperties()).anySatisfy(p -> {
                assertThat(p.displayName()).isEqualTo("displayName");
                assertThat(p.oldValue()).isEqualTo("Renamed behind the job's back");
            });
        });

        assertThat(reconcile(job, null).getMap("found")).isEmpty();
    }

    /** Plain SCIM groups (the mock's user-group model) can be deleted; two orphans with a threshold of one cannot. */
    @Test
    void deletesOrphanGroupsWithinTheDeletionThreshold() {
        resetMiro();
        miroSettings("{\"groupModel\":\"user-groups\"}");
        try {
            String app = newApplication();
            UUID job = UUID.fromString(createJob(Map.of("name", "Generic " + app, "applicationId", app,
                    "profile", "GENERIC_SCIM", "tenantUrl", MiroMockResource.scimUrl(),
                    "secretToken", MiroMockResource.TOKEN, "allowInsecureHttp", true, "status", "ON",
                    "deletionThreshold", 1)));
            publish(assignedGroup(app, "kept-" + app, "Kept " + app, 1));
            String kept = awaitProvisioned(links, job, ObjectType.GROUP, "kept-" + app).targetId();
            List<String> strays = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                strays.add(scim("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                        + "\"displayName\":\"Stray " + i + " " + app + "\"}").path("id").asText());
            }

            JsonPath held = reconcile(job, "{\"mode\":\"REPAIR\",\"policies\":{\"orphanGroups\":\"DELETE\"}}");
            assertThat(held.getMap("found")).containsExactlyEntriesOf(Map.of("ORPHAN", 2));
            assertThat(held.getMap("repaired")).isEmpty();
            assertThat(differences(job, held.getString("id"))).hasSize(2).allSatisfy(d -> {
                assertThat(d.get("objectType")).isEqualTo("Group");
                assertThat((String) d.get("outcome")).startsWith("held: 2 orphan(s)");
            });
            strays.forEach(stray -> assertThat(scim("GET", "/Groups/" + stray, null).path("id").asText())
                    .isEqualTo(stray));

            scim("DELETE", "/Groups/" + strays.get(0), null);
            JsonPath deleted = reconcile(job, "{\"mode\":\"REPAIR\",\"policies\":{\"orphanGroups\":\"DELETE\"}}");
            assertThat(deleted.getMap("found")).containsExactlyEntriesOf(Map.of("ORPHAN", 1));
            assertThat(deleted.getMap("repaired")).containsExactlyEntriesOf(Map.of("ORPHAN", 1));
            assertThat(scim("GET", "/Groups/" + strays.get(1), null).path("status").asText()).isEqualTo("404");
            assertThat(scim("GET", "/Groups/" + kept, null).path("id").asText()).isEqualTo(kept);
            assertThat(log.forObject(job, "").await().indefinitely()).anySatisfy(entry -> {
                assertThat(entry.objectType()).isEqualTo("Group");
                assertThat(entry.targetId()).isEqualTo(strays.get(1));
                assertThat(entry.action()).isEqualTo(ProvisioningAction.DELETE);
                assertThat(entry.steps()).anySatisfy(step -> assertThat(step.details())
                        .containsEntry("reason", "drift"));
            });

            assertThat(reconcile(job, null).getMap("found")).isEmpty();
        } finally {
            miroSettings("{\"groupModel\":\"teams\"}");
        }
    }

    @Test
    void refusesPoliciesTheTargetCannotCarryOut() {
        String job = createJob(miroJob(newApplication()));
        asAdmin().contentType(ContentType.JSON)
                .body("{\"mode\":\"REPAIR\",\"policies\":{\"orphanGroups\":\"DELETE\"}}")
                .post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("policies.orphanGroups"));
        asAdmin().contentType(ContentType.JSON)
                .body("{\"mode\":\"REPAIR\",\"policies\":{\"orphanGroups\":\"DISABLE\"}}")
                .post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("policies.orphanGroups"));
        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":true,\"every\":\"PT24H\",\"mode\":\"REPAIR\","
                        + "\"policies\":{\"orphanGroups\":\"DELETE\"}}")
                .put("/api/v1/jobs/" + job + "/reconciliation-schedule").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("policies.orphanGroups"));
        asAdmin().get("/api/v1/jobs/" + job + "/reconciliation-schedule").then().statusCode(200)
                .body("enabled", equalTo(false));
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(200).extract()
                .jsonPath().getList("$")).isEmpty();
    }
}
