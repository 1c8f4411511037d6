package io.scimitar.provisioner.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.ratelimit.BudgetShare;
import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.ratelimit.RateLimiters;
import io.scimitar.provisioner.ratelimit.RequestBudgetStatus;
import io.scimitar.provisioner.ratelimit.RequestClass;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances consuming one job (simulated in this JVM by a second member of the job's consumer group): the
 * rate-limit budgets follow the partitions each owns, and a rebalance in the middle of a stream applies every event
 * once.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class PartitionSharingTest {

    private static final Duration REBALANCE = Duration.ofSeconds(60);
    private static final Duration SYNC = Duration.ofSeconds(120);
    private static final int PARTITIONS = 8;

    @Inject
    RateLimiters rateLimiters;
    @Inject
    JobConsumer consumer;
    @Inject
    JobRunnerRegistry runners;
    @Inject
    JobService jobs;
    @Inject
    ScimClientFactory scimClients;
    @Inject
    EvaluationSettings evaluation;

    @Test
    void theBudgetShareMovesToTheJobsPartitionsWhenAMemberJoinsAndBackToTheWholeWhenItLeaves() throws Exception {
        String job = createJob(miroJob(newApplication()));
        await().atMost(REBALANCE).until(() -> share(job).consuming() && share(job).partitions().size() == PARTITIONS);
        assertThat(budget(job, RequestClass.USERS_CREATE).share()).as("alone: the whole budget").isEqualTo(200);

        Set<Integer> othersPartitions = new ConcurrentSkipListSet<>();
        int taken;
        try (KafkaConsumer<String, byte[]> other = OtherInstance.bareMember(UUID.fromString(job))) {
            other.subscribe(List.of(AssignmentTopics.ASSIGNMENT_EVENTS), recording(othersPartitions));
            await().atMost(REBALANCE).until(() -> {
                other.poll(Duration.ofMillis(100));
                return !othersPartitions.isEmpty()
                        && share(job).partitions().size() + othersPartitions.size() == PARTITIONS;
            });

            BudgetShare mine = share(job);
            BudgetShare others = BudgetShare.owning(othersPartitions, PARTITIONS);
            assertThat(mine.partitions()).doesNotContainAnyElementsOf(othersPartitions);
            int owned = mine.partitions().size();
            taken = othersPartitions.size();
            assertThat(owned).as("the job's instance keeps some partitions").isBetween(1, PARTITIONS - 1);
            assertThat(budget(job, RequestClass.USERS_CREATE).share()).as("%d of 8 partitions", owned)
                    .isEqualTo(200 * owned / PARTITIONS);
            RateLimitPolicy.MIRO.budgets().forEach((requestClass, budget) ->
                    assertThat(budget(job, requestClass).share() + others.of(budget))
                            .as("the two members' shares of %s (%d)", requestClass, budget)
                            .isLessThanOrEqualTo(budget));

            JsonNode progress = progress(job);
            assertThat(progress.path("rateLimitShare").path("partitions")).hasSize(owned);
            assertThat(progress.path("rateLimitShare").path("partitionCount").asInt()).isEqualTo(PARTITIONS);
            assertThat(classInProgress(progress, RequestClass.USERS_CREATE).path("share").asInt())
                    .isEqualTo(200 * owned / PARTITIONS);
        }

        // the other member left its group: its partitions come back, and with them the whole budget
        await().atMost(REBALANCE).until(() -> share(job).partitions().size() == PARTITIONS);
        RequestBudgetStatus creates = budget(job, RequestClass.USERS_CREATE);
        assertThat(creates.share()).isEqualTo(200);
        assertThat(creates.heldBack()).as("the units given back count as used for a window at most")
                .isBetween(0, 200 * taken / PARTITIONS);
    }

    @Test
    void aRebalanceInTheMiddleOfAStreamAppliesEachEventExactlyOnce() throws Throwable {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("rateLimits", Map.of("enabled", false));
        UUID job = UUID.fromString(createJob(definition));
        await().atMost(REBALANCE).until(() -> rateLimiters.current(job).map(l -> l.share().consuming())
                .orElse(false));
        long createdBefore = createsAnswered();
        long refusedBefore = createsRefused();
        List<UserSnapshot> users = new ArrayList<>();

        publishUsers(app, users, 300);
        JobProgress secondProgress = new JobProgress();
        RunningJob second = consumer.prepare(context(job), secondProgress);
        second.start();
        try {
            publishUsers(app, users, 300);
            await().atMost(SYNC).until(() -> secondProgress.snapshot().changes() > 0);
            publishUsers(app, users, 100);
        } finally {
            second.stop(); // it leaves the group in the middle of the stream: the first takes its partitions back
        }
        publishUsers(app, users, 200);

        JobProgress firstProgress = runners.progress(job).orElseThrow();
        await().atMost(SYNC).until(() -> firstProgress.snapshot().changes() + secondProgress.snapshot().changes()
                >= users.size());
        JobProgress.Run first = firstProgress.snapshot();
        JobProgress.Run other = secondProgress.snapshot();
        assertThat(first.changes() + other.changes()).as("changes applied by the two instances together")
                .isEqualTo(users.size());
        assertThat(first.alreadyApplied() + other.alreadyApplied()).as("events read again").isZero();
        assertThat(createsAnswered() - createdBefore).as("POST /Users answered 201").isEqualTo(users.size());
        assertThat(createsRefused() - refusedBefore).as("creates refused as duplicates").isZero();
        for (UserSnapshot user : users) {
            assertThat(miroUsers(user.userPrincipalName())).as(user.userPrincipalName()).hasSize(1);
        }
    }

    private void publishUsers(String app, List<UserSnapshot> users, int count) {
        AssignmentEvent[] events = new AssignmentEvent[count];
        for (int i = 0; i < count; i++) {
            UserSnapshot user = uniqueUser("Shared", "Stream" + (users.size() + 1), "Scale");
            users.add(user);
            events[i] = assigned(app, user, 1);
        }
        publish(events);
    }

    private JobContext context(UUID job) throws Throwable {
        JobDefinition definition = VertxContextSupport.subscribeAndAwait(() -> jobs.definition(job));
        return JobContext.of(definition, scimClients.forJob(job, definition.tenantUrl(), definition.secretToken(),
                definition.rateLimits()), UUID.randomUUID(), evaluation.budget());
    }

    private BudgetShare share(String job) {
        return limiter(job).share();
    }

    private RequestBudgetStatus budget(String job, RequestClass requestClass) {
        return limiter(job).status().stream().filter(status -> status.requestClass() == requestClass).findFirst()
                .orElseThrow();
    }

    private TargetRateLimiter limiter(String job) {
        return rateLimiters.current(UUID.fromString(job)).orElseThrow();
    }

    private static ConsumerRebalanceListener recording(Set<Integer> owned) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(partition -> owned.remove(partition.partition()));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                partitions.forEach(partition -> owned.add(partition.partition()));
            }
        };
    }

    private static JsonNode progress(String job) throws Exception {
        return JSON.readTree(asReader().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .asString());
    }

    private static JsonNode classInProgress(JsonNode progress, RequestClass requestClass) {
        for (JsonNode budget : progress.path("rateLimits")) {
            if (requestClass.name().equals(budget.path("requestClass").asText())) {
                return budget;
            }
        }
        throw new AssertionError("no " + requestClass + " in " + progress.path("rateLimits"));
    }

    private static long createsAnswered() {
        return counters().path("USERS_CREATE").path("201").asLong();
    }

    private static long createsRefused() {
        long refused = 0;
        var statuses = counters().path("USERS_CREATE").fields();
        while (statuses.hasNext()) {
            var status = statuses.next();
            if (!"201".equals(status.getKey())) {
                refused += status.getValue().asLong();
            }
        }
        return refused;
    }
}
