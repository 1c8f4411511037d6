package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class UserProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ProvisioningLogRepository log;

    @Test
    void createsAnAssignedUserInMiroWithTheMappedAttributes() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot ada = uniqueUser("Ada", "Lovelace", "R&D");

        publish(assigned(app, ada, 1));

        JsonNode created = awaitOneMiroUser(ada.userPrincipalName());
        assertThat(created.path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(created.path("name").path("givenName").asText()).isEqualTo("Ada");
        assertThat(created.path("name").path("familyName").asText()).isEqualTo("Lovelace");
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("emails").get(0).path("value").asText()).isEqualTo(ada.mail());
        assertThat(created.path("emails").get(0).path("type").asText()).isEqualTo("work");

        ProvisioningLogEntry entry = awaitEntries(job, ada.id(), 1).get(0);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(entry.targetId()).isEqualTo(created.path("id").asText());
        assertThat(entry.modifiedProperties()).extracting(p -> p.displayName())
                .contains("userName", "active", "displayName", "emails[type eq \"work\"].value", "name.givenName");
    }

    @Test
    void sendsAPatchWithOnlyTheChangedAttributes() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot grace = uniqueUser("Grace", "Hopper", "Navy");
        publish(assigned(app, grace, 1));
        awaitEntries(job, grace.id(), 1);

        UserSnapshot renamed = ProvisioningFixture.renamed(grace, "Grace", "Brewster Hopper");
        publish(assigned(app, renamed, 2));

        List<ProvisioningLogEntry> entries = awaitEntries(job, grace.id(), 2);
        ProvisioningLogEntry update = entries.get(0);
        assertThat(update.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(update.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(update.modifiedProperties()).extracting(p -> p.displayName())
                .containsExactlyInAnyOrder("displayName", "name.familyName");
        assertThat(update.modifiedProperties()).anySatisfy(p -> {
            assertThat(p.displayName()).isEqualTo("name.familyName");
            assertThat(p.oldValue()).isEqualTo("Hopper");
            assertThat(p.newValue()).isEqualTo("Brewster Hopper");
        });
        JsonNode user = awaitOneMiroUser(grace.userPrincipalName());
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("Brewster Hopper");
        assertThat(user.path("displayName").asText()).isEqualTo("Grace Brewster Hopper");
    }

    @Test
    void sendsNothingForAnUnchangedUser() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot alan = uniqueUser("Alan", "Turing", "Bletchley");
        publish(assigned(app, alan, 1));
        awaitEntries(job, alan.id(), 1);

        publish(assigned(app, alan, 2));

        ProvisioningLogEntry entry = awaitEntries(job, alan.id(), 2).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.OTHER);
        assertThat(entry.modifiedProperties()).isEmpty();
        assertThat(entry.errorReason()).contains("already in sync");
        assertThat(entry.steps()).noneMatch(step -> step.type() == ProvisioningStep.StepType.EXPORT);
    }

    @Test
    void disablesAUserWhenUnassigned() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot linus = uniqueUser("Linus", "Torvalds", "Kernel");
        publish(assigned(app, linus, 1));
        awaitEntries(job, linus.id(), 1);

        publish(unassigned(app, linus, 2));

        ProvisioningLogEntry entry = awaitEntries(job, linus.id(), 2).get(0);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.DISABLE);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        JsonNode user = awaitOneMiroUser(linus.userPrincipalName());
        assertThat(user.path("active").asBoolean()).isFalse();
    }

    @Test
    void reEnablesAUserWhenAssignedAgain() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot frances = uniqueUser("Frances", "Allen", "IBM");
        publish(assigned(app, frances, 1), unassigned(app, frances, 2));
        awaitEntries(job, frances.id(), 2);

        publish(assigned(app, frances, 3));

        ProvisioningLogEntry entry = awaitEntries(job, frances.id(), 3).get(0);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(entry.modifiedProperties()).anySatisfy(p -> {
            assertThat(p.displayName()).isEqualTo("active");
            assertThat(p.newValue()).isEqualTo("True");
        });
        assertThat(awaitOneMiroUser(frances.userPrincipalName()).path("active").asBoolean()).isTrue();
    }

    @Test
    void deletesAHardDeletedUserWhenDeleteIsEnabledAndKeepsItOtherwise() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot ken = uniqueUser("Ken", "Thompson", "Unix");
        publish(assigned(app, ken, 1));
        awaitEntries(job, ken.id(), 1);

        publish(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, ken.id(), 2, ken.userPrincipalName()));

        assertThat(awaitEntries(job, ken.id(), 2).get(0).action()).isEqualTo(ProvisioningAction.DELETE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(miroUsers(ken.userPrincipalName())).isEmpty());

        String keepingApp = newApplication();
        Map<String, Object> keeping = miroJob(keepingApp);
        keeping.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", false,
                "mappings", List.of(Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                        "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1))));
        String keepingJob = createJob(keeping);
        UserSnapshot dennis = uniqueUser("Dennis", "Ritchie", "Unix");
        publish(assigned(keepingApp, dennis, 1));
        awaitEntries(keepingJob, dennis.id(), 1);

        publish(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), keepingApp, dennis.id(), 2,
                dennis.userPrincipalName()));

        ProvisioningLogEntry skipped = awaitEntries(keepingJob, dennis.id(), 2).get(0);
        assertThat(skipped.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(skipped.errorReason()).contains("Delete action is turned off");
        assertThat(miroUsers(dennis.userPrincipalName())).hasSize(1);
    }

    @Test
    void matchesAnExistingMiroUserInsteadOfCreatingADuplicate() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot barbara = uniqueUser("Barbara", "Liskov", "MIT");
        JsonNode existing = ProvisioningFixture.scim("POST", "/Users", "{\"schemas\":[\""
                + "urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + barbara.userPrincipalName()
                + "\",\"displayName\":\"B. Liskov\"}");

        publish(assigned(app, barbara, 1));

        ProvisioningLogEntry entry = awaitEntries(job, barbara.id(), 1).get(0);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(entry.targetId()).isEqualTo(existing.path("id").asText());
        assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description()).contains("Matched target user"));
        List<JsonNode> users = miroUsers(barbara.userPrincipalName());
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("displayName").asText()).isEqualTo("Barbara Liskov");
    }

    @Test
    void scopingFilterExcludesAUserAndLaterIncludesIt() {
        String app = newApplication();
        Map<String, Object> filtered = miroJob(app);
        Map<String, Object> users = new java.util.HashMap<>(Map.of("enabled", true, "create", true, "update", true,
                "delete", true));
        users.put("mappings", List.of(
                Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 1),
                Map.of("type", "EXPRESSION", "source", "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", "
                        + "\"False\")", "target", "active", "applyOn", "ALWAYS", "matching", false,
                        "matchingPrecedence", 0),
                Map.of("type", "DIRECT", "source", "displayName", "target", "displayName", "applyOn", "ALWAYS",
                        "matching", false, "matchingPrecedence", 0)));
        users.put("scopingFilters", List.of(Map.of("title", "Sales only", "clauses",
                List.of(Map.of("attribute", "department", "operator", "EQUALS", "value", "Sales")))));
        filtered.put("users", users);
        String job = createJob(filtered);
        UserSnapshot margaret = uniqueUser("Margaret", "Hamilton", "Apollo");

        publish(assigned(app, margaret, 1));

        ProvisioningLogEntry skipped = awaitEntries(job, margaret.id(), 1).get(0);
        assertThat(skipped.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(miroUsers(margaret.userPrincipalName())).isEmpty();

        publish(assigned(app, ProvisioningFixture.withDepartment(margaret, "Sales"), 2));

        ProvisioningLogEntry created = awaitEntries(job, margaret.id(), 2).get(0);
        assertThat(created.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(awaitOneMiroUser(margaret.userPrincipalName()).path("active").asBoolean()).isTrue();
    }

    @Test
    void replayingTheSameEventsSendsNothing() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot edsger = uniqueUser("Edsger", "Dijkstra", "Eindhoven");
        var first = assigned(app, edsger, 1);
        publish(first);
        awaitEntries(job, edsger.id(), 1);

        publish(first);
        publish(assigned(app, ProvisioningFixture.renamed(edsger, "Edsger W.", "Dijkstra"), 2));

        List<ProvisioningLogEntry> entries = awaitEntries(job, edsger.id(), 2);
        assertThat(entries.get(0).objectVersion()).isEqualTo(2L);
        assertThat(entries).extracting(ProvisioningLogEntry::action)
                .containsExactly(ProvisioningAction.UPDATE, ProvisioningAction.CREATE);
    }

    @Test
    void everyLogEntryCarriesTheFieldsOfAnEntraProvisioningLog() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot hedy = uniqueUser("Hedy", "Lamarr", "Radio");
        publish(assigned(app, hedy, 1), unassigned(app, hedy, 2));

        for (ProvisioningLogEntry entry : awaitEntries(job, hedy.id(), 2)) {
            assertThat(entry.jobId()).hasToString(job);
            assertThat(entry.cycleId()).isNotNull();
            assertThat(entry.changeId()).isNotNull();
            assertThat(entry.activityTime()).isNotNull();
            assertThat(entry.action()).isNotNull();
            assertThat(entry.status()).isNotNull();
            assertThat(entry.sourceId()).isEqualTo(hedy.id());
            assertThat(entry.sourceDisplay()).isEqualTo(hedy.userPrincipalName());
            assertThat(entry.targetId()).isNotBlank();
            assertThat(entry.steps()).extracting(ProvisioningStep::type).contains(ProvisioningStep.StepType.IMPORT,
                    ProvisioningStep.StepType.SCOPING, ProvisioningStep.StepType.MATCHING,
                    ProvisioningStep.StepType.EXPORT);
            assertThat(entry.modifiedProperties()).isNotEmpty();
        }
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
}
