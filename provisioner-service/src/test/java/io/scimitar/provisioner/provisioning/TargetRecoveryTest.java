package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.targetindex.IndexStatus;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.renamed;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A target that lost objects behind the job's back (deleted there, or killed and back empty) is repaired by the next
 * change of each object, in that change; a create refused as a duplicate that the target's case-sensitive filter
 * cannot find is matched case-insensitively at once.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TargetRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ProvisioningLogRepository log;

    @Inject
    LinkRepository links;

    @Inject
    EscrowRepository escrow;

    @Inject
    TargetIndexes indexes;

    @Test
    void usersDeletedInTheTargetAreCreatedAgainByTheirNextChange() {
        String app = newApplication();
        // Cara is in the target before the job starts, so the job's target index holds her (and keeps her once gone)
        UserSnapshot cara = uniqueUser("Cara", "Gone", "Sales");
        String caraBefore = scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + cara.userPrincipalName() + "\",\"displayName\":\"Seeded\"}").path("id").asText();
        String job = createJob(miroJob(app));
        UserSnapshot ann = uniqueUser("Ann", "Gone", "Sales");
        UserSnapshot bob = uniqueUser("Bob", "Gone", "Sales");
        publish(assigned(app, ann, 1), assigned(app, bob, 1), assigned(app, cara, 1));
        String annBefore = awaitOneMiroUser(ann.userPrincipalName()).path("id").asText();
        String bobBefore = awaitOneMiroUser(bob.userPrincipalName()).path("id").asText();
        awaitEntries(job, ann.id(), 1);
        awaitEntries(job, bob.id(), 1);
        assertThat(awaitEntries(job, cara.id(), 1).get(0).targetId()).isEqualTo(caraBefore);
        Map<UserSnapshot, String> before = Map.of(ann, annBefore, bob, bobBefore, cara, caraBefore);
        before.values().forEach(targetId -> scim("DELETE", "/Users/" + targetId, null));
        long createdBefore = created("USERS_CREATE");

        publish(assigned(app, renamed(ann, "Ann", "Back"), 2), assigned(app, renamed(bob, "Bob", "Back"), 2),
                assigned(app, renamed(cara, "Cara", "Back"), 2));

        for (UserSnapshot user : before.keySet()) {
            ProvisioningLogEntry entry = awaitEntries(job, user.id(), 2).get(0);
            assertThat(entry.status()).as(entry.toString()).isEqualTo(ProvisioningStatus.SUCCESS);
            JsonNode inMiro = awaitOneMiroUser(user.userPrincipalName());
            assertThat(inMiro.path("name").path("familyName").asText()).isEqualTo("Back");
            String gone = before.get(user);
            assertThat(entry.action()).isEqualTo(ProvisioningAction.CREATE);
            assertThat(entry.targetId()).isEqualTo(inMiro.path("id").asText()).isNotEqualTo(gone);
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                    .startsWith("The linked target user " + gone + " no longer exists (HTTP 404)"));
            assertThat(entry.steps()).filteredOn(step -> step.name().equals("EntryExportAdd")).hasSize(1);
            ObjectLink link = link(job, ObjectType.USER, user.id());
            assertThat(link.targetId()).isEqualTo(inMiro.path("id").asText());
            assertThat(link.state()).isEqualTo(LinkState.ACTIVE);
        }
        assertThat(created("USERS_CREATE") - createdBefore).isEqualTo(3);
        assertThat(escrow.count(UUID.fromString(job)).await().indefinitely()).isZero();
    }

    @Test
    void disablingOrDeletingAUserGoneFromTheTargetIsDoneWithNothingToSend() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot carl = uniqueUser("Carl", "Gone", "Sales");
        UserSnapshot dora = uniqueUser("Dora", "Gone", "Sales");
        publish(assigned(app, carl, 1), assigned(app, dora, 1));
        String carlBefore = awaitOneMiroUser(carl.userPrincipalName()).path("id").asText();
        String doraBefore = awaitOneMiroUser(dora.userPrincipalName()).path("id").asText();
        awaitEntries(job, carl.id(), 1);
        awaitEntries(job, dora.id(), 1);
        scim("DELETE", "/Users/" + carlBefore, null);
        scim("DELETE", "/Users/" + doraBefore, null);

        publish(assigned(app, disabled(carl), 2),
                UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, dora.id(), 2, dora.userPrincipalName()));

        ProvisioningLogEntry disable = awaitEntries(job, carl.id(), 2).get(0);
        assertThat(disable.status()).isIn(ProvisioningStatus.SUCCESS, ProvisioningStatus.SKIPPED);
        assertThat(disable.errorReason()).contains("nothing to disable");
        assertThat(disable.steps()).anySatisfy(step -> assertThat(step.description())
                .startsWith("The linked target user " + carlBefore + " no longer exists (HTTP 404)"));
        assertThat(link(job, ObjectType.USER, carl.id()).targetId()).isNull();
        ProvisioningLogEntry delete = awaitEntries(job, dora.id(), 2).get(0);
        assertThat(delete.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(miroUsers(carl.userPrincipalName())).isEmpty();
        assertThat(miroUsers(dora.userPrincipalName())).isEmpty();
        assertThat(escrow.count(UUID.fromString(job)).await().indefinitely()).isZero();
    }

    @Test
    void aGroupDeletedInTheTargetIsCreatedAgainWithItsMembersByItsNextChange() {
        miroSettings("{\"groupModel\":\"user-groups\"}");
        try {
            String app = newApplication();
            String job = createJob(Map.of("name", "Generic " + app, "applicationId", app, "profile", "GENERIC_SCIM",
                    "tenantUrl", MiroMockResource.scimUrl(), "secretToken", MiroMockResource.TOKEN,
                    "allowInsecureHttp", true, "status", "ON"));
            UserSnapshot ann = uniqueUser("Ann", "Member", "G");
            UserSnapshot bob = uniqueUser("Bob", "Member", "G");
            publish(assigned(app, ann, 1), assigned(app, bob, 1));
            awaitOneMiroUser(ann.userPrincipalName());
            awaitOneMiroUser(bob.userPrincipalName());
            String groupId = UUID.randomUUID().toString();
            String name = "Lost Group " + groupId.substring(0, 8);
            publish(assignedGroup(app, groupId, name, 1), membersAdded(app, groupId, 2, ann.id(), bob.id()));
            JsonNode before = await().atMost(WAIT).until(() -> findGroup(name),
                    found -> found != null && found.path("members").size() == 2);
            scim("DELETE", "/Groups/" + before.path("id").asText(), null);
            long createdBefore = created("GROUPS_CREATE");

            String renamed = "Found Group " + groupId.substring(0, 8);
            publish(assignedGroup(app, groupId, renamed, 3));

            JsonNode after = await().atMost(WAIT).until(() -> findGroup(renamed),
                    found -> found != null && found.path("members").size() == 2);
            ProvisioningLogEntry entry = await().atMost(WAIT).until(() -> log.forObject(UUID.fromString(job),
                    groupId).await().indefinitely(), entries -> entries.stream().anyMatch(e -> Long.valueOf(3).equals(e.objectVersion())))
                    .stream().filter(e -> Long.valueOf(3).equals(e.objectVersion())).findFirst().orElseThrow();
            assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(entry.steps()).filteredOn(step -> step.name().equals("EntryExportAdd")).singleElement()
                    .satisfies(step -> assertThat(step.description()).isEqualTo("Created group " + after.path("id")
                            .asText() + " with 2 member(s)"));
            assertThat(entry.steps()).as("the members went in with the create, not by a PATCH after it")
                    .noneSatisfy(step -> assertThat(step.description()).startsWith("Added"));
            assertThat(entry.targetId()).isEqualTo(after.path("id").asText())
                    .isNotEqualTo(before.path("id").asText());
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                    .startsWith("The linked target group " + before.path("id").asText()
                            + " no longer exists (HTTP 404)"));
            assertThat(link(job, ObjectType.GROUP, groupId).targetId()).isEqualTo(after.path("id").asText());
            assertThat(created("GROUPS_CREATE") - createdBefore).isEqualTo(1);
            assertThat(escrow.count(UUID.fromString(job)).await().indefinitely()).isZero();
        } finally {
            miroSettings("{\"groupModel\":\"teams\"}");
        }
    }

    @Test
    void aCreateRefusedAsADuplicateIsMatchedCaseInsensitivelyAtOnce() {
        miroSettings("{\"userNameFilterCaseExact\":true,\"duplicateUserName\":\"RFC\"}");
        try {
            String app = newApplication();
            String job = createJob(miroJob(app));
            await().atMost(WAIT).until(() -> indexes.view(UUID.fromString(job), ObjectType.USER)
                    .map(view -> view.status() == IndexStatus.COMPLETE).orElse(false));
            UserSnapshot mixed = uniqueUser("Mixed", "Case", "Sales");
            String seededName = "Mixed.Case" + mixed.userPrincipalName().substring("mixed.case".length());
            String seededId = scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + seededName + "\",\"displayName\":\"Seeded\"}").path("id").asText();
            // the target's filter compares userName case-sensitively, as the one in the issue did
            assertThat(miroUsers(mixed.userPrincipalName())).isEmpty();
            assertThat(miroUsers(seededName)).hasSize(1);

            publish(assigned(app, mixed, 1));

            ProvisioningLogEntry entry = awaitEntries(job, mixed.id(), 1).get(0);
            assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(entry.targetId()).isEqualTo(seededId);
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                    .startsWith("Matched target user " + seededId).contains("compared case-insensitively"));
            assertThat(link(job, ObjectType.USER, mixed.id()).targetId()).isEqualTo(seededId);
            assertThat(escrow.count(UUID.fromString(job)).await().indefinitely()).isZero();
            miroSettings("{\"userNameFilterCaseExact\":false}");
            List<JsonNode> inMiro = miroUsers(mixed.userPrincipalName());
            assertThat(inMiro).hasSize(1);
            assertThat(inMiro.get(0).path("id").asText()).isEqualTo(seededId);
            assertThat(inMiro.get(0).path("displayName").asText()).isEqualTo("Mixed Case");
        } finally {
            miroSettings("{\"userNameFilterCaseExact\":false,\"duplicateUserName\":\"MIRO\"}");
        }
    }

    private ObjectLink link(String job, ObjectType type, String sourceId) {
        return links.find(UUID.fromString(job), type, sourceId).await().indefinitely().orElseThrow();
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, String sourceId, int count) {
        UUID jobId = UUID.fromString(job);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.forObject(jobId, sourceId).await().indefinitely(), entries -> entries.size() >= count);
    }

    private static JsonNode awaitOneMiroUser(String userName) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> miroUsers(userName), users -> users.size() == 1).get(0);
    }

    /** The creates the mock has answered 201 to so far. */
    private static long created(String endpoint) {
        return counters().path(endpoint).path("201").asLong();
    }

    private static JsonNode findGroup(String displayName) {
        JsonNode list = scim("GET", "/Groups?filter=" + URLEncoder.encode("displayName eq \"" + displayName + "\"",
                StandardCharsets.UTF_8), null);
        if (list.path("totalResults").asInt() == 0) {
            return null;
        }
        return scim("GET", "/Groups/" + list.path("Resources").get(0).path("id").asText(), null);
    }
}
