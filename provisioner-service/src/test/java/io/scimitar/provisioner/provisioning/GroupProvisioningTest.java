package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersRemoved;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class GroupProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ProvisioningLogRepository log;

    @Test
    void patchesTheMembersOfAnAssignedGroupIntoTheExistingMiroTeam() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        SeededTeam team = seededTeam("Design");
        UserSnapshot ada = uniqueUser("Ada", "Byron", "Design");
        UserSnapshot ida = uniqueUser("Ida", "Rhodes", "Design");
        publish(assigned(app, ada, 1), assigned(app, ida, 1));
        awaitUser(ada);
        awaitUser(ida);

        publish(assignedGroup(app, team.groupId(), team.name(), 1),
                membersAdded(app, team.groupId(), 2, ada.id(), ida.id()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id()))
                .contains(miroId(ada), miroId(ida)));
        ProvisioningLogEntry linked = awaitEntries(job, team.groupId(), e -> e.objectVersion() != null
                && e.objectVersion() == 1).get(0);
        assertThat(linked.targetId()).isEqualTo(team.id());
        assertThat(linked.status()).isEqualTo(ProvisioningStatus.SUCCESS);
    }

    @Test
    void addsAMemberOnceItsUserIsProvisionedEvenIfTheMembershipCameFirst() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        SeededTeam team = seededTeam("Research");
        UserSnapshot late = uniqueUser("Late", "Comer", "Research");

        publish(assignedGroup(app, team.groupId(), team.name(), 1), membersAdded(app, team.groupId(), 2, late.id()));
        assertThat(awaitEntries(job, team.groupId(), e -> e.objectVersion() != null && e.objectVersion() == 1).get(0)
                .targetId()).isEqualTo(team.id());
        assertThat(memberIds(team.id())).isEmpty();
        publish(assigned(app, late, 1));

        awaitUser(late);
        await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id())).contains(miroId(late)));
    }

    /** The job looks for waiting members every few minutes; after a failed push it looks again within seconds. */
    @Test
    void addsAMemberAgainSoonAfterItsTeamPatchFailed() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        SeededTeam team = seededTeam("Support");
        UserSnapshot member = uniqueUser("Second", "Try", "Support");
        // the membership is recorded with the group (the same batch): its user is not provisioned yet
        publish(assignedGroup(app, team.groupId(), team.name(), 1), membersAdded(app, team.groupId(), 2, member.id()));
        awaitEntries(job, team.groupId(), e -> e.objectVersion() != null && e.objectVersion() == 1);
        miroFaults("[{\"endpoint\":\"GROUPS_PATCH\",\"failNext\":1,\"errorStatus\":503}]");
        try {
            publish(assigned(app, member, 1));

            awaitUser(member);
            awaitEntries(job, team.groupId(), e -> e.status() == ProvisioningStatus.FAILURE);
            await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id())).contains(miroId(member)));
        } finally {
            miroFaults("[]");
        }
    }

    @Test
    void removesAMemberFromTheTeamWhenItLeavesTheGroup() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        SeededTeam team = seededTeam("Ops");
        UserSnapshot stays = uniqueUser("Stays", "Here", "Ops");
        UserSnapshot leaves = uniqueUser("Leaves", "Soon", "Ops");
        publish(assigned(app, stays, 1), assigned(app, leaves, 1));
        awaitUser(stays);
        awaitUser(leaves);
        publish(assignedGroup(app, team.groupId(), team.name(), 1),
                membersAdded(app, team.groupId(), 2, stays.id(), leaves.id()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id()))
                .contains(miroId(stays), miroId(leaves)));

        publish(membersRemoved(app, team.groupId(), 3, leaves.id()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id()))
                .contains(miroId(stays)).doesNotContain(miroId(leaves)));
        assertThat(awaitEntries(job, team.groupId(), e -> e.objectVersion() != null && e.objectVersion() == 3).get(0)
                .modifiedProperties()).anySatisfy(p -> assertThat(p.oldValue()).isEqualTo("-1 member(s)"));
    }

    /**
     * Miro reactivates a deactivated user it is asked to add to a team. A membership change and a member's disable
     * read in one batch must therefore not race: with Miro slow to answer team PATCHes, a PATCH written before the
     * disable would land after it and undo it.
     */
    @Test
    void neverReactivatesAUserDisabledWhileItJoinsATeam() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        SeededTeam team = seededTeam("Legal");
        UserSnapshot leaving = uniqueUser("Leaving", "Today", "Legal");
        UserSnapshot staying = uniqueUser("Staying", "Here", "Legal");
        publish(assigned(app, leaving, 1), assigned(app, staying, 1),
                assignedGroup(app, team.groupId(), team.name(), 1));
        awaitUser(leaving);
        awaitUser(staying);
        awaitEntries(job, team.groupId(), e -> e.objectVersion() != null && e.objectVersion() == 1);
        miroFaults("[{\"endpoint\":\"USERS_PATCH\",\"latencyMs\":500},"
                + "{\"endpoint\":\"GROUPS_PATCH\",\"latencyMs\":1500}]");
        try {
            // while the job is off the changes wait in Kafka; turned on, it reads them in one batch
            asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
            publish(assigned(app, disabled(leaving), 2), membersAdded(app, team.groupId(), 2, leaving.id()),
                    // a later change of the same group: once it is in the team, the one before it was applied
                    membersAdded(app, team.groupId(), 3, staying.id()));
            asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
            await().atMost(WAIT).untilAsserted(() -> assertThat(memberIds(team.id())).contains(miroId(staying)));
        } finally {
            miroFaults("[]");
        }

        // the disable goes out once the deletion guard's settle window is over, after the team's PATCHes, and no team
        // PATCH reactivates the user after it; while it settled, the user was not added to the team (the membership
        // rule reads a pending disable as inactive: neither added nor removed)
        await().atMost(WAIT).until(() -> !miroUsers(leaving.userPrincipalName()).get(0).path("active").asBoolean());
        assertThat(memberIds(team.id())).doesNotContain(miroId(leaving));
    }

    @Test
    void logsAFailureNamingTheReasonWhenTheTeamDoesNotExistInMiro() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        String groupId = UUID.randomUUID().toString();
        String missing = "Nowhere " + UUID.randomUUID().toString().substring(0, 8);

        publish(assignedGroup(app, groupId, missing, 1));

        ProvisioningLogEntry entry = awaitEntries(job, groupId, e -> true).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(entry.errorCode()).isEqualTo("TargetGroupMissing");
        assertThat(entry.errorReason()).contains(missing).contains("Miro cannot create teams");
    }

    @Test
    void refusesGroupCreateAndDeleteForTheMiroProfileLikeMiroDoes() {
        Map<String, Object> job = miroJob(newApplication());
        job.put("groups", Map.of("enabled", true, "create", true, "update", true, "delete", true,
                "mappings", List.of(Map.of("type", "DIRECT", "source", "displayName", "target", "displayName",
                        "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1))));

        ProvisioningFixture.asAdmin().contentType(io.restassured.http.ContentType.JSON).body(job)
                .post("/api/v1/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("groups.create", "groups.delete"));
    }

    @Test
    void disablesThroughRfc7644PatchWhenTheTenantUrlCarriesEntrasFlag() {
        String app = newApplication();
        Map<String, Object> flagged = miroJob(app);
        flagged.put("tenantUrl", MiroMockResource.scimUrl() + "?aadOptscim062020");
        String job = createJob(flagged);
        UserSnapshot rfc = uniqueUser("Rfc", "Compliant", "Standards");
        publish(assigned(app, rfc, 1));
        awaitUser(rfc);

        publish(ProvisioningFixture.unassigned(app, rfc, 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(miroUsers(rfc.userPrincipalName()).get(0)
                .path("active").asBoolean()).isFalse());
        assertThat(awaitEntries(job, rfc.id(), e -> e.action() == ProvisioningAction.DISABLE)).hasSize(1);
    }

    /** A Miro team seeded under a unique name, and the id of the directory group that is to map to it. */
    private record SeededTeam(String name, String id, String groupId) {
    }

    private static SeededTeam seededTeam(String namePrefix) {
        String name = namePrefix + " " + UUID.randomUUID().toString().substring(0, 8);
        return new SeededTeam(name, seedTeam(name), UUID.randomUUID().toString());
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, String sourceId,
            java.util.function.Predicate<ProvisioningLogEntry> wanted) {
        UUID jobId = UUID.fromString(job);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.forObject(jobId, sourceId).await().indefinitely().stream().filter(wanted).toList(),
                        entries -> !entries.isEmpty());
    }

    private static void awaitUser(UserSnapshot user) {
        await().atMost(WAIT).until(() -> miroUsers(user.userPrincipalName()).size() == 1);
    }

    private static String miroId(UserSnapshot user) {
        return miroUsers(user.userPrincipalName()).get(0).path("id").asText();
    }

    private static List<String> memberIds(String teamId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode member : miroTeam(teamId).path("members")) {
            ids.add(member.path("value").asText());
        }
        return ids;
    }
}
