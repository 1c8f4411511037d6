package io.scimitar.provisioner.targetindex;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUserCount;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Matching against the target index, against the real Miro mock: a target that already holds the users (a migration)
 * is linked without a filter query per user and without duplicates; a duplicate value and a user created in the target
 * after the read keep today's outcomes.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TargetIndexMatchingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PAGE = 1000;

    @Inject
    ProvisioningLogRepository log;

    @Inject
    TargetIndexes indexes;

    @Inject
    MeterRegistry registry;

    @Test
    void linksUsersAndTeamsTheTargetAlreadyHoldsWithoutAQueryPerUser() {
        String app = newApplication();
        List<UserSnapshot> existing = new ArrayList<>();
        Map<String, String> targetIds = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            UserSnapshot user = uniqueUser("Pre", "Seeded" + i, "Migration");
            existing.add(user);
            targetIds.put(user.id(), seedUser(user.userPrincipalName(), null).path("id").asText());
        }
        List<UserSnapshot> newcomers = List.of(uniqueUser("New", "Comer", "Migration"),
                uniqueUser("Late", "Joiner", "Migration"));
        String teamName = "Migrated team " + UUID.randomUUID();
        String teamId = seedTeam(teamName);
        long usersInTarget = miroUserCount();

        String job = createJob(miroJob(app));
        existing.forEach(user -> publish(assigned(app, user, 1)));
        newcomers.forEach(user -> publish(assigned(app, user, 1)));
        String group = UUID.randomUUID().toString();
        publish(assignedGroup(app, group, teamName, 1));

        for (UserSnapshot user : existing) {
            ProvisioningLogEntry entry = awaitEntries(job, user.id(), 1).get(0);
            assertThat(entry.status()).isNotEqualTo(ProvisioningStatus.FAILURE);
            assertThat(entry.targetId()).isEqualTo(targetIds.get(user.id()));
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                    .startsWith("Matched target user " + targetIds.get(user.id())));
        }
        for (UserSnapshot user : newcomers) {
            assertThat(awaitEntries(job, user.id(), 1).get(0).action()).isEqualTo(ProvisioningAction.CREATE);
        }
        ProvisioningLogEntry team = awaitEntries(job, group, 1).get(0);
        assertThat(team.targetId()).isEqualTo(teamId);
        // the read: one page per 1,000 users and one of teams; no filter query for any user or the team
        long pages = (usersInTarget + 30 + PAGE - 1) / PAGE;
        assertThat(answered(job, "users_query")).isLessThanOrEqualTo(pages + 1);
        assertThat(answered(job, "groups_query")).isLessThanOrEqualTo(1);
        assertThat(answered(job, "users_create")).isEqualTo(newcomers.size());
        assertThat(indexes.view(UUID.fromString(job), ObjectType.USER).orElseThrow().status())
                .isEqualTo(IndexStatus.COMPLETE);
        existing.forEach(user -> assertThat(miroUsers(user.userPrincipalName())).hasSize(1));
    }

    @Test
    void aTargetOfSeveralPagesIsReadWholeAndEachPageOnce() {
        String app = newApplication();
        // the first seeded user lands on an early page, the last on the third or later
        UserSnapshot first = uniqueUser("First", "Paged", "Migration");
        String firstId = seedUser(first.userPrincipalName(), null).path("id").asText();
        for (long inTarget = miroUserCount(); inTarget < 2 * PAGE + 100; inTarget++) {
            seedUser("filler." + UUID.randomUUID() + "@example.com", null);
        }
        UserSnapshot last = uniqueUser("Last", "Paged", "Migration");
        String lastId = seedUser(last.userPrincipalName(), null).path("id").asText();
        long usersBefore = miroUserCount();
        // each page answers slowly: the next one is asked for while one is stored
        miroFaults("[{\"endpoint\":\"USERS_LIST\",\"latencyMs\":300}]");
        try {
            String job = createJob(miroJob(app));
            IndexView read = await().atMost(WAIT).until(() -> indexes.view(UUID.fromString(job), ObjectType.USER)
                    .orElse(null), view -> view != null && view.status() == IndexStatus.COMPLETE);
            long lists = answered(job, "users_query");
            long usersAfter = miroUserCount();
            assertThat((long) read.objects()).isBetween(usersBefore, usersAfter);
            assertThat(lists).as("one request per page, none beyond the last")
                    .isBetween((usersBefore + PAGE - 1) / PAGE, (usersAfter + PAGE - 1) / PAGE);

            publish(assigned(app, first, 1));
            publish(assigned(app, last, 1));
            assertThat(awaitEntries(job, first.id(), 1).get(0).targetId()).isEqualTo(firstId);
            assertThat(awaitEntries(job, last.id(), 1).get(0).targetId()).isEqualTo(lastId);
            assertThat(miroUsers(first.userPrincipalName())).hasSize(1);
            assertThat(miroUsers(last.userPrincipalName())).hasSize(1);
        } finally {
            miroFaults("[]");
        }
    }

    @Test
    void aFullRestartReadsTheTargetAgainAndChecksEveryLinkAgainstIt() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        List<UserSnapshot> users = List.of(uniqueUser("Re", "Start", "Ops"), uniqueUser("Re", "Match", "Ops"));
        users.forEach(user -> publish(assigned(app, user, 1)));
        users.forEach(user -> awaitEntries(job, user.id(), 1));
        UUID firstRead = indexes.view(UUID.fromString(job), ObjectType.USER).orElseThrow().readId();
        long listsBefore = answered(job, "users_query");
        long createsBefore = answered(job, "users_create");

        asAdmin().contentType(ContentType.JSON).body(Map.of("full", true))
                .post("/api/v1/jobs/" + job + "/restart").then().statusCode(200);

        for (UserSnapshot user : users) {
            ProvisioningLogEntry entry = awaitEntries(job, user.id(), 2).get(0);
            assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                    .startsWith("Linked to target user"));
        }
        IndexView view = indexes.view(UUID.fromString(job), ObjectType.USER).orElseThrow();
        assertThat(view.readId()).isNotEqualTo(firstRead);
        long pages = (view.objects() + PAGE - 1) / PAGE;
        assertThat(answered(job, "users_query") - listsBefore).isLessThanOrEqualTo(pages + 1);
        assertThat(answered(job, "users_create") - createsBefore).isZero();
    }

    @Test
    void twoTargetUsersWithTheMatchingValueAreADuplicateAsBefore() {
        String app = newApplication();
        UserSnapshot twin = uniqueUser("Twin", "Value", "QA");
        seedUser("first." + twin.userPrincipalName(), twin.id());
        seedUser("second." + twin.userPrincipalName(), twin.id());
        Map<String, Object> definition = miroJob(app);
        Map<String, Object> users = new HashMap<>(Map.of("enabled", true, "create", true, "update", true,
                "delete", true));
        users.put("mappings", List.of(
                Map.of("type", "DIRECT", "source", "objectId", "target", "externalId", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 1),
                Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 2),
                Map.of("type", "DIRECT", "source", "displayName", "target", "displayName", "applyOn", "ALWAYS",
                        "matching", false, "matchingPrecedence", 0)));
        definition.put("users", users);
        String job = createJob(definition);

        publish(assigned(app, twin, 1));

        ProvisioningLogEntry entry = awaitEntries(job, twin.id(), 1).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(entry.errorCode()).isEqualTo("DuplicateTargetEntries");
        assertThat(entry.errorReason()).contains("2 target users have externalId");
        assertThat(miroUsers(twin.userPrincipalName())).isEmpty();
    }

    @Test
    void aUserCreatedInTheTargetAfterTheReadIsLinkedWhenTheCreateIsRefused() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        await().atMost(WAIT).until(() -> indexes.view(UUID.fromString(job), ObjectType.USER)
                .map(view -> view.status() == IndexStatus.COMPLETE).orElse(false));
        UserSnapshot late = uniqueUser("Created", "Meanwhile", "Sales");
        String targetId = seedUser(late.userPrincipalName(), null).path("id").asText();

        publish(assigned(app, late, 1));

        ProvisioningLogEntry entry = awaitEntries(job, late.id(), 1).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(entry.targetId()).isEqualTo(targetId);
        assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description())
                .startsWith("Matched target user " + targetId).contains("refused the create as a duplicate"));
        List<JsonNode> inMiro = miroUsers(late.userPrincipalName());
        assertThat(inMiro).hasSize(1);
        assertThat(inMiro.get(0).path("displayName").asText()).isEqualTo("Created Meanwhile");
    }

    @Test
    void aTeamCreatedInMiroAfterTheReadIsFoundByAQueryAsTeamsAreNeverCreated() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        await().atMost(WAIT).until(() -> indexes.view(UUID.fromString(job), ObjectType.GROUP)
                .map(view -> view.status() == IndexStatus.COMPLETE).orElse(false));
        String teamName = "Created later " + UUID.randomUUID();
        String teamId = seedTeam(teamName);
        String group = UUID.randomUUID().toString();

        publish(assignedGroup(app, group, teamName, 1));

        ProvisioningLogEntry entry = awaitEntries(job, group, 1).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(entry.targetId()).isEqualTo(teamId);
    }

    private static JsonNode seedUser(String userName, String externalId) {
        return scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName + "\",\"displayName\":\"Seeded\"" + (externalId == null ? ""
                : ",\"externalId\":\"" + externalId + "\"") + "}");
    }

    /**
     * The job's requests of {@code operation} (e.g. {@code users_query}) that the target answered with a success, as
     * the provisioner counts them: the mock's own counters also count the requests of the other tests' jobs.
     */
    private long answered(String job, String operation) {
        Counter counter = registry.find("scimitar.provisioner.scim.requests")
                .tags("job", job, "operation", operation, "status", "2xx").counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, String sourceId, int count) {
        UUID jobId = UUID.fromString(job);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.forObject(jobId, sourceId).await().indefinitely(), entries -> entries.size() >= count);
    }
}
