package io.scimitar.provisioner.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.clearMiroCounters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Progress from real figures, checked against the Miro mock's own counts while it answers slowly: the topic's events
 * behind the job's committed position (also while paused), the objects in scope counted by the directory, and the
 * statistics to date, which outlive a pause, a restart of the job and a restart of the job's runner as at a provisioner
 * start; and the objects done are counted among those in scope, so unassigned users no longer count.
 */
@QuarkusTest
@TestProfile(SmallPollsProfile.class)
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(DirectoryCountsResource.class)
class ProgressTest {

    private static final int FIRST = 40;
    private static final int WAITING = 20;
    private static final Duration SYNC = Duration.ofSeconds(180);

    @Inject
    JobRunnerRegistry runners;

    @Inject
    JobService jobs;

    @AfterEach
    void fastMockAgain() {
        miroFaults("[]");
    }

    @Test
    void progressFiguresMatchTheMockDuringASlowSyncWhilePausedAndTheStatisticsOutliveEveryRestart() throws Throwable {
        String app = newApplication();
        DirectoryCountsResource.inScope(app, FIRST, 0);
        String job = createJob(miroJob(app));
        // a new job first reads the topic's history (other tests' events): let it reach the end
        await().atMost(SYNC).until(() -> progress(job).path("eventsBehind").asLong(-1) == 0);
        JsonNode start = progress(job);
        assertThat(start.path("objectsInScope").path("total").asLong()).isEqualTo(FIRST);
        assertThat(start.path("objectsInScope").path("source").asText()).contains("assignment-service");
        assertThat(start.path("percentComplete").asDouble()).isEqualTo(0.0);
        assertThat(start.path("phase").asText()).as("no object in scope is done yet").isEqualTo("INITIAL_SYNC");
        assertThat(start.path("estimatedSecondsLeft").isNumber() && start.path("estimatedSecondsLeft").asLong() == 0)
                .as("time left is never 0 while objects in scope wait").isFalse();

        miroFaults("[{\"endpoint\":\"USERS_CREATE\",\"latencyMs\":1500}]");
        clearMiroCounters();
        String surname = "Progress" + UUID.randomUUID().toString().substring(0, 6);
        publish(users(app, surname, FIRST));

        TreeSet<Double> stepsSeen = new TreeSet<>();
        List<String> behindWhileCreating = new ArrayList<>();
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode progress = progress(job);
            long created = mockCreated(); // read after the progress: the mock's count can only have grown since
            long done = progress.path("objectsDone").asLong();
            double percent = progress.path("percentComplete").asDouble();
            assertThat(progress.path("statistics").path("byAction").path("create").asLong())
                    .as("creates counted as done").isLessThanOrEqualTo(created);
            assertThat(progress.path("byAction").path("create").asLong()).isLessThanOrEqualTo(created);
            assertThat(done).as("objects counted as done").isLessThanOrEqualTo(created);
            if (progress.path("eventsBehind").asLong(-1) == 0 && progress.path("escrowed").asLong() == 0) {
                assertThat(created).as("nothing behind: every create reached the mock (%s)", progress)
                        .isEqualTo(FIRST);
            }
            if (progress.path("estimatedSecondsLeft").isNumber()
                    && progress.path("estimatedSecondsLeft").asLong() == 0) {
                assertThat(created).as("no time left: every create reached the mock").isEqualTo(FIRST);
            }
            if (percent >= 100) {
                assertThat(created).as("100%%: every create reached the mock").isEqualTo(FIRST);
            } else if (created < FIRST) {
                stepsSeen.add(percent);
                if (progress.path("eventsBehind").asLong() > 0) {
                    behindWhileCreating.add(progress.path("eventsBehind").asText());
                }
            }
            return created == FIRST && percent == 100.0
                    && progress.path("statistics").path("byAction").path("create").asLong() == FIRST;
        });
        assertThat(stepsSeen).as("percentages seen while the mock was still creating").hasSizeGreaterThanOrEqualTo(2);
        assertThat(behindWhileCreating).as("events behind while the mock was still creating").isNotEmpty();
        JsonNode synced = progress(job);
        assertThat(synced.path("objectsDone").asLong()).isEqualTo(FIRST);
        assertThat(synced.path("estimatedSecondsLeft").asLong(-1)).isZero();

        // paused: the changes wait on the topic and are counted as behind
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        DirectoryCountsResource.inScope(app, FIRST + WAITING, 0);
        publish(users(app, surname, WAITING));
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode paused = progress(job);
            assertThat(paused.path("phase").asText()).isEqualTo("PAUSED");
            assertThat(paused.path("eventsBehind").asLong()).isEqualTo(WAITING);
            assertThat(paused.path("estimatedSecondsLeft").isNull()).as("nothing moves: time left unknown").isTrue();
            assertThat(paused.path("percentComplete").asDouble()).isEqualTo(Math.floor(1000.0 * FIRST / (FIRST + WAITING)) / 10);
            assertThat(paused.path("statistics").path("byAction").path("create").asLong()).isEqualTo(FIRST);
        });
        assertThat(mockCreated()).isEqualTo(FIRST);

        // resumed: a new run with its own figures; the statistics go on from where they were
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode resumed = progress(job);
            assertThat(resumed.path("percentComplete").asDouble()).isEqualTo(100.0);
            assertThat(resumed.path("byAction").path("create").asLong()).as("this run's").isEqualTo(WAITING);
            assertThat(resumed.path("statistics").path("byAction").path("create").asLong()).isEqualTo(FIRST + WAITING);
        });
        assertThat(mockCreated()).isEqualTo(FIRST + WAITING);
        JsonNode beforeRestart = progress(job).path("statistics");

        // a restart replays the history: nothing is created again, and nothing counted before is lost
        asAdmin().contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode replayed = progress(job);
            assertThat(replayed.path("eventsBehind").asLong(-1)).isZero();
            assertThat(replayed.path("eventsProcessed").asLong()).isGreaterThanOrEqualTo(FIRST + WAITING);
            assertThat(replayed.path("statistics").path("changes").asLong())
                    .isGreaterThanOrEqualTo(beforeRestart.path("changes").asLong() + FIRST + WAITING);
        });
        JsonNode afterRestart = progress(job);
        assertThat(afterRestart.path("statistics").path("byAction").path("create").asLong())
                .isEqualTo(FIRST + WAITING);
        assertThat(afterRestart.path("statistics").path("since").asText())
                .isEqualTo(beforeRestart.path("since").asText());

        // the runner stopped as at a provisioner shutdown and resumed as at its start: the statistics are stored
        runners.stop(UUID.fromString(job));
        runners.resume(VertxContextSupport.subscribeAndAwait(() -> jobs.definition(UUID.fromString(job))));
        JsonNode afterProcessRestart = progress(job);
        assertThat(afterProcessRestart.path("eventsProcessed").asLong()).as("a new run").isZero();
        assertThat(afterProcessRestart.path("statistics")).isEqualTo(afterRestart.path("statistics"));
        assertThat(afterProcessRestart.path("objectsDone").asLong()).isEqualTo(FIRST + WAITING);
    }

    @Test
    void objectsDoneCountsOnlyObjectsInScopeAfterUnassignmentsNewAssignmentsAndARestart() throws Throwable {
        int assigned = 13;
        int removed = 5;
        String app = newApplication();
        DirectoryCountsResource.inScope(app, assigned, 0);
        String job = createJob(miroJob(app));
        await().atMost(SYNC).until(() -> progress(job).path("eventsBehind").asLong(-1) == 0);
        String surname = "Scope" + UUID.randomUUID().toString().substring(0, 6);
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < assigned; i++) {
            users.add(uniqueUser("User" + i, surname, "Progress"));
        }
        publish(users.stream().map(user -> assigned(app, user, 1)).toArray(io.scimitar.events.AssignmentEvent[]::new));
        await().atMost(SYNC).until(() -> progress(job).path("percentComplete").asDouble() == 100.0);
        assertThat(progress(job).path("objectsDone").asLong()).isEqualTo(assigned);

        // unassigned: the source counts 8, and the 5 users that left scope are no longer done objects of the job
        long changesBefore = progress(job).path("statistics").path("changes").asLong();
        DirectoryCountsResource.inScope(app, assigned - removed, 0);
        publish(users.subList(0, removed).stream().map(user -> unassigned(app, user, 2))
                .toArray(io.scimitar.events.AssignmentEvent[]::new));
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode progress = progress(job);
            assertThat(progress.path("statistics").path("changes").asLong())
                    .isGreaterThanOrEqualTo(changesBefore + removed);
            assertThat(progress.path("activeUsers").asLong()).isEqualTo(assigned - removed);
            assertThat(progress.path("escrowed").asLong()).isZero();
            assertThat(progress.path("stagedDeletions").asLong()).isZero();
            assertDoneWithinTotal(progress);
            assertThat(progress.path("percentComplete").asDouble()).isEqualTo(100.0);
        });
        assertThat(progress(job).path("objectsDone").asLong()).as("done among the objects in scope")
                .isEqualTo(assigned - removed);

        // paused, 5 new users assigned: 8 of 13 in scope are done, whatever the links of the users that left
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        DirectoryCountsResource.inScope(app, assigned, 0);
        publish(java.util.stream.IntStream.range(0, removed).mapToObj(i -> assigned(app,
                uniqueUser("New" + i, surname, "Progress"), 1)).toArray(io.scimitar.events.AssignmentEvent[]::new));
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode paused = progress(job);
            assertThat(paused.path("eventsBehind").asLong()).isEqualTo(removed);
            assertThat(paused.path("objectsInScope").path("total").asLong()).isEqualTo(assigned);
            assertThat(paused.path("objectsDone").asLong()).isEqualTo(assigned - removed);
            assertThat(paused.path("percentComplete").asDouble())
                    .isEqualTo(Math.floor(1000.0 * (assigned - removed) / assigned) / 10);
        });

        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        await().atMost(SYNC).untilAsserted(() -> {
            JsonNode resumed = progress(job);
            assertThat(resumed.path("percentComplete").asDouble()).isEqualTo(100.0);
            assertThat(resumed.path("objectsDone").asLong()).isEqualTo(assigned);
        });

        // a restart replays the history: done never passes the total while the links are decided again
        asAdmin().contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);
        await().atMost(SYNC).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode replaying = progress(job);
            assertDoneWithinTotal(replaying);
            // the restart applies the newest state of each of the 18 users the job has seen
            assertThat(replaying.path("eventsProcessed").asLong()).isGreaterThanOrEqualTo(assigned + removed);
            assertThat(replaying.path("percentComplete").asDouble()).isEqualTo(100.0);
        });
        assertThat(progress(job).path("objectsDone").asLong()).isEqualTo(assigned);
    }

    private static void assertDoneWithinTotal(JsonNode progress) {
        assertThat(progress.path("objectsDone").asLong()).as("done within the total (%s)", progress)
                .isLessThanOrEqualTo(progress.path("objectsInScope").path("total").asLong());
    }

    private static JsonNode progress(String job) throws Exception {
        return JSON.readTree(asReader().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .asString());
    }

    private static long mockCreated() {
        return counters().path("USERS_CREATE").path("201").asLong();
    }

    private static io.scimitar.events.AssignmentEvent[] users(String app, String surname, int count) {
        io.scimitar.events.AssignmentEvent[] events = new io.scimitar.events.AssignmentEvent[count];
        for (int i = 0; i < count; i++) {
            UserSnapshot user = uniqueUser("User" + i, surname, "Progress");
            events[i] = assigned(app, user, 1);
        }
        return events;
    }
}
