package io.scimitar.provisioner.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.LogQuery;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroWrites;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    ProvisioningLogRepository log;

    @Inject
    Pool database;

    @Test
    void replayingTheHistoryTwiceSendsNoWriteTheSecondTime() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot a = uniqueUser("Replay", "Alpha", "R");
        UserSnapshot b = uniqueUser("Replay", "Beta", "R");
        UserSnapshot renamed = io.scimitar.provisioner.provisioning.ProvisioningFixture.renamed(a, "Replay", "Alpha Renamed");
        publish(assigned(app, a, 1), assigned(app, b, 1), assigned(app, renamed, 2), unassigned(app, b, 2));
        awaitEntries(job, 4);

        restart(job, Map.of());
        awaitEntries(job, 6);
        long writesAfterFirstReplay = miroWrites();
        restart(job, Map.of());
        awaitEntries(job, 8);

        assertThat(miroWrites()).isEqualTo(writesAfterFirstReplay);
        List<ProvisioningLogEntry> replayed = entries(job).subList(0, 4);
        assertThat(replayed).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(ProvisioningStatus.SKIPPED);
            assertThat(entry.objectVersion()).isEqualTo(2L);
        });
        assertThat(miroUsers(a.userPrincipalName()).get(0).path("displayName").asText())
                .isEqualTo("Replay Alpha Renamed");
        assertThat(miroUsers(b.userPrincipalName()).get(0).path("active").asBoolean()).isFalse();
    }

    @Test
    void savingNewMappingsReevaluatesEveryObject() {
        String app = newApplication();
        Map<String, Object> job = miroJob(app);
        UserSnapshot user = uniqueUser("Mapping", "Change", "M");
        String id = jobWithOneUserApplied(app, job, user);
        assertThat(miroUsers(user.userPrincipalName()).get(0).path("displayName").asText())
                .isEqualTo("Mapping Change");

        job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true, "mappings", List.of(
                Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 1),
                Map.of("type", "EXPRESSION", "source", "Join(\", \", [surname], [givenName])", "target",
                        "displayName", "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0))));
        asAdmin().contentType(ContentType.JSON).body(job).put("/api/v1/jobs/" + id).then().statusCode(200);

        ProvisioningLogEntry entry = awaitEntries(id, 2).get(0);
        assertThat(entry.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(miroUsers(user.userPrincipalName()).get(0).path("displayName").asText())
                .isEqualTo("Change, Mapping");
    }

    @Test
    void changingOnlyTheRateLimitsReevaluatesNothing() {
        String app = newApplication();
        Map<String, Object> job = miroJob(app);
        UserSnapshot first = uniqueUser("Paced", "First", "P");
        String id = jobWithOneUserApplied(app, job, first);

        job.put("rateLimits", Map.of("enabled", true, "windowSeconds", 30, "budgets", Map.of("USERS_CREATE", 150)));
        asAdmin().contentType(ContentType.JSON).body(job).put("/api/v1/jobs/" + id).then().statusCode(200);
        assertThat(linksMarkedForReevaluation(id)).as("links a restart marks before the PUT answers").isZero();
        UserSnapshot second = uniqueUser("Paced", "Second", "P");
        publish(assigned(app, second, 1));

        // a restart would have replayed the first user before the second one's event
        List<ProvisioningLogEntry> entries = awaitEntries(id, 2);
        assertThat(entries).hasSize(2).extracting(ProvisioningLogEntry::sourceId)
                .containsExactly(second.id(), first.id());
        asAdmin().get("/api/v1/jobs/" + id).then().statusCode(200)
                .body("rateLimits.budgets.USERS_CREATE", org.hamcrest.Matchers.equalTo(150));
    }

    @Test
    void restartsFromATimestamp() throws InterruptedException {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot before = uniqueUser("Before", "Cut", "T");
        publish(assigned(app, before, 1));
        awaitEntries(job, 1);
        Thread.sleep(50);
        Instant cut = Instant.now();
        Thread.sleep(50);
        UserSnapshot after = uniqueUser("After", "Cut", "T");
        publish(assigned(app, after, 1));
        awaitEntries(job, 2);

        restart(job, Map.of("from", cut.toString()));

        List<ProvisioningLogEntry> entries = awaitEntries(job, 3);
        assertThat(entries.get(0).sourceId()).isEqualTo(after.id());
        assertThat(entries.get(0).status()).isEqualTo(ProvisioningStatus.SKIPPED);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> entries(job).size() == 3);
    }

    @Test
    void aFullRestartKeepsTheLinksOfObjectsStillInTheTarget() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Full", "Restart", "F");
        publish(assigned(app, user, 1));
        awaitEntries(job, 1);
        long writes = miroWrites();

        restart(job, Map.of("full", true));

        ProvisioningLogEntry entry = awaitEntries(job, 2).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(entry.steps()).anySatisfy(step -> assertThat(step.description()).startsWith("Linked to target user"));
        assertThat(miroUsers(user.userPrincipalName())).hasSize(1);
        assertThat(miroWrites()).isEqualTo(writes);
    }

    @Test
    void aDryRunPredictsWhatTheRealRunThenDoes() {
        String app = newApplication();
        Map<String, Object> paused = miroJob(app);
        paused.put("status", "OFF");
        String job = createJob(paused);
        UserSnapshot one = uniqueUser("Dry", "One", "D");
        UserSnapshot two = uniqueUser("Dry", "Two", "D");
        UserSnapshot never = uniqueUser("Dry", "Never", "D");
        publish(assigned(app, one, 1), assigned(app, two, 1), unassigned(app, never, 1));

        Map<String, Object> report = asAdmin().post("/api/v1/jobs/" + job + "/dry-run").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(report.get("eventsRead")).isEqualTo(3);
        assertThat((Map<String, Object>) report.get("counts")).containsEntry("CREATE", 2).containsEntry("SKIP", 1);
        long writes = miroWrites();
        assertThat(miroUsers(one.userPrincipalName())).isEmpty();

        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);

        List<ProvisioningLogEntry> entries = awaitEntries(job, 3);
        assertThat(entries).filteredOn(e -> e.action() == ProvisioningAction.CREATE)
                .extracting(ProvisioningLogEntry::sourceId).containsExactlyInAnyOrder(one.id(), two.id());
        assertThat(miroWrites() - writes).isEqualTo(2);
    }

    @Test
    void pausingHoldsEventsAndResumingAppliesThemAll() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200).body("status", equalTo("OFF"));
        UserSnapshot held = uniqueUser("Held", "Back", "H");
        publish(assigned(app, held, 1));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> miroUsers(held.userPrincipalName()).isEmpty());
        asReader().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).body("phase", equalTo("PAUSED"));

        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200).body("status", equalTo("ON"));

        await().atMost(WAIT).until(() -> miroUsers(held.userPrincipalName()).size() == 1);
    }

    @Test
    void provisionsOneUserOnDemandWithoutWaitingForTheJob() {
        String app = newApplication();
        Map<String, Object> paused = miroJob(app);
        paused.put("status", "OFF");
        String job = createJob(paused);
        UserSnapshot urgent = uniqueUser("Urgent", "Access", "U");
        publish(assigned(app, urgent, 1));

        List<Map<String, Object>> steps = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("userId", urgent.id())).post("/api/v1/jobs/" + job + "/provision-on-demand")
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(steps).hasSize(1);
        assertThat(steps.get(0)).containsEntry("action", "CREATE").containsEntry("status", "SUCCESS");
        assertThat(miroUsers(urgent.userPrincipalName())).hasSize(1);
        asAdmin().contentType(ContentType.JSON).body(Map.of("userId", "nobody"))
                .post("/api/v1/jobs/" + job + "/provision-on-demand").then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/jobs/" + job + "/provision-on-demand").then().statusCode(400);
    }

    @Test
    void provisionsOneGroupWithItsMembersOnDemand() {
        String app = newApplication();
        Map<String, Object> paused = miroJob(app);
        paused.put("status", "OFF");
        String job = createJob(paused);
        String groupId = UUID.randomUUID().toString();
        String teamName = "On Demand " + groupId.substring(0, 8);
        String teamId = io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam(teamName);
        UserSnapshot first = uniqueUser("Demand", "First", "O");
        UserSnapshot second = uniqueUser("Demand", "Second", "O");
        publish(assigned(app, first, 1), assigned(app, second, 1),
                io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup(app, groupId, teamName, 1),
                io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded(app, groupId, 2, first.id(),
                        second.id()));

        List<Map<String, Object>> steps = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("groupId", groupId)).post("/api/v1/jobs/" + job + "/provision-on-demand")
                .then().statusCode(200).extract().jsonPath().getList("entries");

        assertThat(steps).extracting(step -> step.get("objectType")).contains("User", "Group");
        assertThat(steps).filteredOn(step -> "User".equals(step.get("objectType")))
                .extracting(step -> step.get("action")).containsOnly("CREATE");
        List<String> members = new java.util.ArrayList<>();
        io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam(teamId).path("members")
                .forEach(member -> members.add(member.path("value").asText()));
        assertThat(members).contains(miroUsers(first.userPrincipalName()).get(0).path("id").asText(),
                miroUsers(second.userPrincipalName()).get(0).path("id").asText());
    }

    private static void restart(String job, Map<String, Object> body) {
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/jobs/" + job + "/restart")
                .then().statusCode(200);
    }

    /** Creates {@code job} and waits until it has applied {@code user}'s assignment; answers the job's id. */
    private String jobWithOneUserApplied(String app, Map<String, Object> job, UserSnapshot user) {
        String id = createJob(job);
        publish(assigned(app, user, 1));
        awaitEntries(id, 1);
        return id;
    }

    private long linksMarkedForReevaluation(String job) {
        return database.preparedQuery("select count(*) from object_link where job_id = $1 and reevaluate")
                .execute(Tuple.of(UUID.fromString(job))).await().indefinitely().iterator().next().getLong(0);
    }

    private List<ProvisioningLogEntry> entries(String job) {
        return log.find(new LogQuery(UUID.fromString(job), null, null, null, null, null, null, null, null, 1000))
                .await().indefinitely();
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> entries(job),
                entries -> entries.size() >= count);
    }
}
