package io.scimitar.provisioner.consumer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.provisioner.provisioning.UserProvisioner;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeamMemberIds;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweep of groups that may differ from the membership rule, as a running job does it: each instance sweeps the
 * groups on its own partitions, as soon as it takes some. A job that takes back partitions another member of its
 * consumer group gave up finds at once what was left waiting on them, not at its next five-minute sweep.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class SweepOnPartitionsTakenTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    Pool database;
    @Inject
    StageJobs stageJobs;
    @Inject
    UserProvisioner users;
    @Inject
    LinkRepository links;

    @Test
    void partitionsTakenBackAreSweptAtOnce() throws Exception {
        String app = newApplication();
        JobContext context = stageJobs.runningMiroContext(app);
        UUID job = context.job().id();
        await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 1);
        // the user provisioned by the stage itself, not through the job's stream: no re-evaluation of its groups follows
        UserSnapshot user = uniqueUser("Swept", "Back", "Ops");
        links.save(users.apply(context, assigned(app, user, 1)).await().indefinitely().link()).await().indefinitely();
        String groupId = "g-" + UUID.randomUUID();
        String teamName = "Sweep " + groupId;
        String teamId = seedTeam(teamName);
        publish(assignedGroup(app, groupId, teamName, 1), membersAdded(app, groupId, 2, user.id()));
        await().atMost(WAIT).until(() -> miroTeamMemberIds(teamId).size() == 1);

        // the member's removal recorded, its PATCH cut short (a crash): the team still holds them (once the add is
        // recorded as answered, so that the add's own check of members who left meanwhile does not take them out)
        await().atMost(WAIT).until(() -> database.preparedQuery("update group_membership set source_member = false "
                        + "where job_id = $1 and group_id = $2 and exported").execute(Tuple.of(job, groupId))
                .await().atMost(Duration.ofSeconds(10)).rowCount() == 1);
        // another member of the job's consumer group takes partitions, then leaves: the job takes them back
        try (KafkaConsumer<String, byte[]> other = OtherInstance.bareMember(job)) {
            other.subscribe(List.of(AssignmentTopics.ASSIGNMENT_EVENTS));
            await().atMost(WAIT).until(() -> {
                other.poll(Duration.ofMillis(100));
                return !other.assignment().isEmpty();
            });
        }

        await().atMost(WAIT).until(() -> miroTeamMemberIds(teamId).isEmpty());
    }
}
