package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.escrow.EscrowEntry;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersRemoved;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group stage called directly, without the consumer or Kafka, against the mock: a group is created where groups
 * may be, renamed with a PATCH, brought to its members (added once it is linked, a removal left over sent by its next
 * change), linked again after its target group answered 404, and a failed export comes out as an outcome escrow keeps
 * for a retry.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class GroupProvisionerStageTest {

    @Inject
    GroupProvisioner groups;

    @Inject
    UserProvisioner users;

    @Inject
    MembershipSynchronizer memberships;

    @Inject
    LinkRepository links;

    @Inject
    EscrowKeeper escrowKeeper;

    @Inject
    EscrowRepository escrow;

    @Inject
    StageJobs stageJobs;

    private final String app = newApplication();
    private JobContext context;

    @AfterEach
    void deleteJobAndRestoreTheMock() {
        miroFaults("[]");
        miroSettings("{\"groupModel\":\"teams\"}");
        if (context != null) {
            asAdmin().delete("/api/v1/jobs/" + context.job().id()).then().statusCode(204);
        }
    }

    @Test
    void createsTheGroupWhereGroupsMayBeCreated() {
        context = genericJobWithUserGroups();
        String groupId = UUID.randomUUID().toString();
        String name = "Stage group " + groupId.substring(0, 8);

        ChangeOutcome outcome = apply(assignedGroup(app, groupId, name, 1));

        JsonNode created = groupNamed(name);
        assertThat(created).isNotNull();
        assertThat(outcome).isInstanceOfSatisfying(ChangeOutcome.Processed.class, processed -> {
            assertThat(processed.trace().action()).isEqualTo(ProvisioningAction.CREATE);
            assertThat(processed.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(processed.trace().targetId()).isEqualTo(created.path("id").asText());
        });
        assertThat(link(groupId)).satisfies(link -> {
            assertThat(link.targetId()).isEqualTo(created.path("id").asText());
            assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
            assertThat(link.sourceVersion()).isEqualTo(1);
        });
    }

    @Test
    void createsTheGroupWithItsMembersInOneRequest() {
        context = genericJobWithUserGroups();
        UserSnapshot ann = uniqueUser("Ann", "Created", "Stage");
        UserSnapshot bob = uniqueUser("Bob", "Created", "Stage");
        String annTarget = provisioned(ann);
        String bobTarget = provisioned(bob);
        String groupId = UUID.randomUUID().toString();
        String name = "Created with members " + groupId.substring(0, 8);
        memberships.apply(context, membersAdded(app, groupId, 2, ann.id(), bob.id())).await().indefinitely();

        ChangeOutcome outcome = apply(assignedGroup(app, groupId, name, 1));

        JsonNode created = groupNamed(name);
        assertThat(outcome.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(descriptions(outcome)).contains("Created group " + created.path("id").asText()
                + " with 2 member(s)").noneSatisfy(description -> assertThat(description).startsWith("Added"));
        assertThat(memberIds(created.path("id").asText())).containsExactlyInAnyOrder(annTarget, bobTarget);
    }

    @Test
    void aTargetRefusingTheMembersOfACreateGetsTheGroupAndThenItsMembersByPatch() {
        context = genericJobWithUserGroups();
        UserSnapshot ann = uniqueUser("Ann", "Refused", "Stage");
        String annTarget = provisioned(ann);
        String groupId = UUID.randomUUID().toString();
        String name = "Members refused " + groupId.substring(0, 8);
        memberships.apply(context, membersAdded(app, groupId, 2, ann.id())).await().indefinitely();
        miroFaults("[{\"endpoint\":\"GROUPS_CREATE\",\"failNext\":1,\"errorStatus\":400}]");

        ChangeOutcome outcome = apply(assignedGroup(app, groupId, name, 1));

        JsonNode created = groupNamed(name);
        assertThat(created).isNotNull();
        assertThat(outcome.trace().status()).isNotEqualTo(ProvisioningStatus.FAILURE);
        assertThat(descriptions(outcome)).anySatisfy(description -> assertThat(description)
                .startsWith("The target refused the group with its 1 member(s)"));
        assertThat(descriptions(outcome)).contains("Created group " + created.path("id").asText(),
                "Added 1 member(s) to group " + created.path("id").asText());
        assertThat(memberIds(created.path("id").asText())).containsExactly(annTarget);
        assertThat(link(groupId).targetId()).isEqualTo(created.path("id").asText());
    }

    @Test
    void renamesTheLinkedTeamWithAPatch() {
        context = stageJobs.miroContext(app);
        String groupId = UUID.randomUUID().toString();
        String name = "Before " + groupId.substring(0, 8);
        String teamId = seedTeam(name);
        assertThat(apply(assignedGroup(app, groupId, name, 1)).trace().targetId()).isEqualTo(teamId);

        String renamed = "After " + groupId.substring(0, 8);
        ChangeOutcome outcome = apply(assignedGroup(app, groupId, renamed, 2));

        assertThat(outcome.trace().action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(outcome.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(outcome.trace().toEntry().modifiedProperties()).anySatisfy(property -> {
            assertThat(property.displayName()).isEqualTo("displayName");
            assertThat(property.newValue()).isEqualTo(renamed);
        });
        assertThat(miroTeam(teamId).path("displayName").asText()).isEqualTo(renamed);
        assertThat(link(groupId).sourceVersion()).isEqualTo(2);
    }

    /**
     * Members recorded before their team is linked go in when it is; a removal the target refused stays recorded and
     * goes out with the group's next change.
     */
    @Test
    void bringsTheTeamToItsMembersWhenLinkedAndOnItsNextChange() {
        context = stageJobs.miroContext(app);
        UserSnapshot ann = uniqueUser("Ann", "Member", "Stage");
        UserSnapshot bob = uniqueUser("Bob", "Member", "Stage");
        String annTarget = provisioned(ann);
        String bobTarget = provisioned(bob);
        String groupId = UUID.randomUUID().toString();
        String name = "Members " + groupId.substring(0, 8);
        String teamId = seedTeam(name);
        memberships.apply(context, membersAdded(app, groupId, 2, ann.id(), bob.id())).await().indefinitely();
        assertThat(memberIds(teamId)).as("members of a group not linked yet wait for it").isEmpty();

        ChangeOutcome linked = apply(assignedGroup(app, groupId, name, 1));

        assertThat(linked.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(descriptions(linked)).contains("Added 2 member(s) to group " + teamId);
        assertThat(memberIds(teamId)).containsExactlyInAnyOrder(annTarget, bobTarget);

        miroFaults("[{\"endpoint\":\"GROUPS_PATCH\",\"failNext\":1,\"errorStatus\":503}]");
        ChangeOutcome refused = memberships.apply(context, membersRemoved(app, groupId, 3, bob.id())).await()
                .indefinitely();
        miroFaults("[]");
        assertThat(refused.trace().status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(memberIds(teamId)).contains(bobTarget);

        ChangeOutcome next = apply(assignedGroup(app, groupId, name, 4));

        // the team's attributes are in sync (the change is logged as skipped); its members are brought to the rule
        assertThat(next.trace().status()).isNotEqualTo(ProvisioningStatus.FAILURE);
        assertThat(descriptions(next)).contains("Removed 1 member(s) from group " + teamId);
        assertThat(memberIds(teamId)).containsExactly(annTarget);
    }

    @Test
    void aLinkedTeamThatAnswers404IsMatchedAgainAndLinkedToTheTeamFound() {
        context = stageJobs.miroContext(app);
        String groupId = UUID.randomUUID().toString();
        String name = "Found again " + groupId.substring(0, 8);
        String teamId = seedTeam(name);
        String goneId = String.valueOf(3_074_457_000_000_000_000L + (long) (Math.random() * 1_000_000_000L));
        links.save(new ObjectLink(context.job().id(), ObjectType.GROUP, groupId, goneId, LinkState.ACTIVE,
                Map.of("displayName", "Old name"), 1, "Old name")).await().indefinitely();

        ChangeOutcome outcome = apply(assignedGroup(app, groupId, name, 2));

        assertThat(outcome.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(descriptions(outcome)).anySatisfy(description -> assertThat(description)
                .startsWith("The linked target group " + goneId + " no longer exists (HTTP 404)"));
        assertThat(descriptions(outcome)).anySatisfy(description -> assertThat(description)
                .startsWith("Matched target group " + teamId));
        assertThat(outcome.trace().targetId()).isEqualTo(teamId);
        assertThat(link(groupId).targetId()).isEqualTo(teamId);
    }

    @Test
    void aTeamMiroDoesNotHoldFailsAsMissingAndIsNotCreated() {
        context = stageJobs.miroContext(app);
        String groupId = UUID.randomUUID().toString();

        ChangeOutcome outcome = apply(assignedGroup(app, groupId, "Nowhere " + groupId, 1));

        assertThat(outcome.trace().status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(outcome.trace().toEntry().errorCode()).isEqualTo("TargetGroupMissing");
        assertThat(links.find(context.job().id(), ObjectType.GROUP, groupId).await().indefinitely()).isEmpty();
    }

    @Test
    void aCreateTheTargetRefusesForNowIsAFailureThatEscrowKeepsForARetry() {
        context = genericJobWithUserGroups();
        String groupId = UUID.randomUUID().toString();
        String name = "Retried " + groupId.substring(0, 8);
        GroupAssignmentEvent event = assignedGroup(app, groupId, name, 1);
        miroFaults("[{\"endpoint\":\"GROUPS_CREATE\",\"failNext\":1,\"errorStatus\":503}]");

        ChangeOutcome outcome = apply(event);
        escrowKeeper.record(context, event, outcome).await().indefinitely();

        assertThat(outcome.trace().status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(outcome.trace().isTransientFailure()).isTrue();
        assertThat(outcome.deferredUntil()).isNull();
        List<EscrowEntry> waiting = escrow.due(context.job().id(), Instant.now().plus(1, ChronoUnit.DAYS), 10)
                .await().indefinitely();
        assertThat(waiting).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(EscrowEntry.Kind.RETRY);
            assertThat(entry.objectVersion()).isEqualTo(1);
            assertThat(entry.errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(entry.nextAttempt()).isAfter(entry.firstFailure());
        });
        assertThat(groupNamed(name)).isNull();

        ChangeOutcome retried = apply(event);
        escrowKeeper.record(context, event, retried).await().indefinitely();

        assertThat(retried.trace().action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(retried.trace().status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(escrow.count(context.job().id()).await().indefinitely()).isZero();
    }

    private JobContext genericJobWithUserGroups() {
        miroSettings("{\"groupModel\":\"user-groups\"}");
        return stageJobs.genericContext(app);
    }

    private ChangeOutcome apply(GroupAssignmentEvent event) {
        return groups.apply(context, event).await().indefinitely();
    }

    private String provisioned(UserSnapshot user) {
        ObjectLink link = users.apply(context, assigned(app, user, 1)).await().indefinitely().link();
        links.save(link).await().indefinitely();
        return link.targetId();
    }

    private ObjectLink link(String groupId) {
        return links.find(context.job().id(), ObjectType.GROUP, groupId).await().indefinitely().orElseThrow();
    }

    private static List<String> descriptions(ChangeOutcome outcome) {
        return outcome.trace().toEntry().steps().stream().map(ProvisioningStep::description).toList();
    }

    private static List<String> memberIds(String teamId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode member : miroTeam(teamId).path("members")) {
            ids.add(member.path("value").asText());
        }
        return ids;
    }

    private static JsonNode groupNamed(String name) {
        JsonNode found = scim("GET", "/Groups?filter=" + URLEncoder.encode("displayName eq \"" + name + "\"",
                StandardCharsets.UTF_8), null);
        return found.path("Resources").isArray() && !found.path("Resources").isEmpty()
                ? found.path("Resources").get(0) : null;
    }
}
