package io.scimitar.provisioner.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.targetindex.IndexStatus;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.clearMiroCounters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job's client-side limiter against the mock with Miro's rate limits on, in windows of
 * {@link MiroMockResource#RATE_LIMIT_WINDOW_SECONDS} seconds instead of 30 so that a run spans several of them.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class RateLimitedProvisioningTest {

    private static final int WINDOW = MiroMockResource.RATE_LIMIT_WINDOW_SECONDS;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * The job's window in the tests of scarce budgets (one request per window): long enough that the users come well
     * within the first, while the third group waits for the third.
     */
    private static final int TEAM_PATCH_WINDOW = 8;

    @Inject
    ProvisioningLogRepository log;

    @Inject
    TargetIndexes indexes;

    private String job;

    /**
     * Turns Miro's rate limits on in the mock once the windows of an earlier test are over, so that they count only
     * this test's requests.
     */
    private static void mirosLimits(String settings) throws InterruptedException {
        Thread.sleep(WINDOW * 1000L);
        clearMiroCounters();
        miroSettings(settings);
    }

    @AfterEach
    void stopTheJobAndTurnMirosLimitsOff() {
        if (job != null) {
            asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
        }
        miroSettings("{\"rateLimitsEnabled\":false,\"rateLimitBudgets\":{\"USERS_LIST\":200,\"USERS_CREATE\":200}}");
    }

    @Test
    void provisionsAtMirosLimitWithAlmostNo429() throws Exception {
        mirosLimits("{\"rateLimitsEnabled\":true,\"rateLimitBudgets\":{\"USERS_LIST\":25,\"USERS_CREATE\":25}}");
        String app = newApplication();
        job = createJob(limitedJob(app, 25));
        List<UserSnapshot> users = users(100);

        long started = System.nanoTime();
        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> created() == users.size());
        double seconds = (System.nanoTime() - started) / 1e9;

        JsonNode queries = budget(job, "USERS_QUERY");
        JsonNode creates = budget(job, "USERS_CREATE");
        long sent = sent(queries) + sent(creates);
        long throttled = throttled(queries) + throttled(creates);
        assertThat(throttled).as("the job's requests answered 429 of %d", sent).isLessThanOrEqualTo(sent / 100);
        assertThat(userNamesInMiro()).containsAll(userNames(users));
        assertThat(creates.path("budget").asInt()).isEqualTo(25);
        assertThat(creates.path("delayed").asLong()).as("creates that waited for a slot").isPositive();
        System.out.printf("Rate-limited run: %d users in %.1f s = %.2f creates/s; the limit allows %.2f/s "
                + "(25 per %d s window); %d requests, %d answered 429%n", users.size(), seconds,
                users.size() / seconds, 25.0 / WINDOW, WINDOW, sent, throttled);
    }

    @Test
    void learnsThatTheTargetAllowsLessThanConfiguredAndStillProvisionsEveryone() throws Exception {
        mirosLimits("{\"rateLimitsEnabled\":true,\"rateLimitBudgets\":{\"USERS_LIST\":15,\"USERS_CREATE\":15}}");
        String app = newApplication();
        job = createJob(limitedJob(app, 30));
        List<UserSnapshot> users = users(60);

        long started = System.nanoTime();
        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> created() == users.size());
        long windows = (long) Math.ceil((System.nanoTime() - started) / 1e9 / WINDOW);

        List<String> inMiro = userNamesInMiro();
        assertThat(inMiro).containsAll(userNames(users));
        assertThat(inMiro).doesNotHaveDuplicates();
        JsonNode queries = budget(job, "USERS_QUERY");
        JsonNode creates = budget(job, "USERS_CREATE");
        assertThat(throttled(queries) + throttled(creates)).isPositive();
        assertThat(Math.min(queries.path("effective").asInt(), creates.path("effective").asInt())).isLessThan(30);
        // a class's 429s: the first window's excess over the 15 Miro allows, then at most one a window, where a
        // window without a 429 gives the budget one request back and the target refuses it
        for (JsonNode budget : List.of(queries, creates)) {
            assertThat(throttled(budget)).as("429s of %s: the limiter learns the lower limit from the first ones",
                    budget.path("requestClass").asText()).isLessThanOrEqualTo((30 - 15) + windows);
        }
    }

    /**
     * Users who become active are added to their teams only as far as the budget of team PATCHes lets a PATCH go out
     * at once; the rest wait for a later push, and the next users are created meanwhile instead of waiting behind
     * them (with Miro's 5 large team PATCHes per 30 s, a batch activating members of a dozen teams would otherwise
     * hold the job for two windows).
     */
    @Test
    void createsTheNextUsersWhileTeamPatchesWaitForTheirBudget() {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("rateLimits", Map.of("windowSeconds", TEAM_PATCH_WINDOW,
                "budgets", Map.of("GROUPS_PATCH", 1, "GROUPS_PATCH_LARGE", 1)));
        job = createJob(definition);
        List<String> groupIds = new ArrayList<>();
        List<String> teamIds = new ArrayList<>();
        for (int team = 0; team < 3; team++) {
            String name = "Budget " + team + " " + UUID.randomUUID().toString().substring(0, 8);
            teamIds.add(seedTeam(name));
            groupIds.add(UUID.randomUUID().toString());
            publish(assignedGroup(app, groupIds.get(team), name, 1));
        }
        groupIds.forEach(groupId -> await().atMost(WAIT).until(() -> !log.forObject(UUID.fromString(job), groupId)
                .await().indefinitely().isEmpty()));
        List<UserSnapshot> first = users(6);
        List<UserSnapshot> second = users(6);
        for (int team = 0; team < 3; team++) {
            publish(membersAdded(app, groupIds.get(team), 2, first.get(2 * team).id(), first.get(2 * team + 1).id(),
                    second.get(2 * team).id(), second.get(2 * team + 1).id()));
        }

        first.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> miroIds(first).size() == first.size());
        second.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> miroIds(second).size() == second.size());

        // one team PATCH per window: the second users were created before the first ones were all in their teams
        List<String> firstIds = miroIds(first);
        List<String> inTeams = members(teamIds);
        assertThat(firstIds.stream().filter(id -> !inTeams.contains(id)))
                .as("first users not yet in their team when the second users exist").isNotEmpty();
        List<String> everyone = new ArrayList<>(miroIds(first));
        everyone.addAll(miroIds(second));
        await().atMost(WAIT).untilAsserted(() -> assertThat(members(teamIds)).containsAll(everyone));
    }

    /**
     * Finding a team takes a {@code GET /Groups}, which Miro budgets at 5 per 30 s: a group whose query has no room is
     * put off (escrowed, tried again each second) and the job goes on with the users behind it.
     */
    @Test
    void goesOnWithUsersWhileGroupsWaitForTheirQueryBudget() {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("rateLimits", Map.of("windowSeconds", TEAM_PATCH_WINDOW,
                "budgets", Map.of("GROUPS_QUERY", 1)));
        job = createJob(definition);
        UUID jobId = UUID.fromString(job);
        // teams made after the job read its target are found by a query each, which is what the budget limits
        await().atMost(WAIT).until(() -> indexes.view(jobId, ObjectType.GROUP)
                .map(view -> view.status() == IndexStatus.COMPLETE).orElse(false));
        List<String> groupIds = new ArrayList<>();
        for (int team = 0; team < 3; team++) {
            String name = "Query budget " + team + " " + UUID.randomUUID().toString().substring(0, 8);
            seedTeam(name);
            groupIds.add(UUID.randomUUID().toString());
            publish(assignedGroup(app, groupIds.get(team), name, 1));
        }
        await().atMost(WAIT).until(() -> groupIds.stream().anyMatch(groupId -> linked(jobId, groupId)));
        List<UserSnapshot> users = users(5);

        users.forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(WAIT).until(() -> miroIds(users).size() == users.size());

        assertThat(groupIds.stream().filter(groupId -> !linked(jobId, groupId)))
                .as("groups still waiting for the query budget when the users exist").isNotEmpty();
        await().atMost(WAIT).until(() -> groupIds.stream().allMatch(groupId -> linked(jobId, groupId)));
    }

    private boolean linked(UUID jobId, String groupId) {
        return log.forObject(jobId, groupId).await().indefinitely().stream()
                .anyMatch(entry -> entry.targetId() != null);
    }

    private static List<String> miroIds(List<UserSnapshot> users) {
        List<String> ids = new ArrayList<>();
        users.forEach(user -> miroUsers(user.userPrincipalName()).forEach(found -> ids.add(found.path("id").asText())));
        return ids;
    }

    private static List<String> members(List<String> teamIds) {
        List<String> members = new ArrayList<>();
        teamIds.forEach(teamId -> miroTeam(teamId).path("members")
                .forEach(member -> members.add(member.path("value").asText())));
        return members;
    }

    private static Map<String, Object> limitedJob(String app, int budget) {
        Map<String, Object> job = miroJob(app);
        job.put("rateLimits", Map.of("windowSeconds", WINDOW,
                "budgets", Map.of("USERS_QUERY", budget, "USERS_CREATE", budget)));
        return job;
    }

    private static List<UserSnapshot> users(int count) {
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(uniqueUser("Rate" + i, "Limited", "Sales"));
        }
        return users;
    }

    /** Every userName in the mock, read through its admin API, which Miro's rate limits do not apply to. */
    private static List<String> userNamesInMiro() throws Exception {
        HttpResponse<String> state = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(MiroMockResource.baseUrl() + "/admin/state")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> userNames = new ArrayList<>();
        JSON.readTree(state.body()).path("users").forEach(user -> userNames.add(user.path("userName").asText()));
        return userNames;
    }

    private static List<String> userNames(List<UserSnapshot> users) {
        return users.stream().map(UserSnapshot::userPrincipalName).toList();
    }

    private static JsonNode budget(String job, String requestClass) {
        List<Map<String, Object>> budgets = asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200)
                .extract().jsonPath().getList("rateLimits");
        Map<String, Object> found = budgets.stream().filter(b -> requestClass.equals(b.get("requestClass")))
                .findFirst().orElseThrow();
        return JSON.valueToTree(found);
    }

    private static long created() {
        return counters().path("USERS_CREATE").path("201").asLong();
    }

    private static long sent(JsonNode budget) {
        return budget.path("sent").asLong();
    }

    private static long throttled(JsonNode budget) {
        return budget.path("throttled").asLong();
    }
}
