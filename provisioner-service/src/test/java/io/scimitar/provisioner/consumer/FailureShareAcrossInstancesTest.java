package io.scimitar.provisioner.consumer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure share of a job several instances consume is the job's, not each instance's: failures another instance
 * met (stored with its polls' writes, as every instance stores its window) quarantine the job although every change
 * applied here succeeded.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class FailureShareAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    JobConsumer consumer;
    @Inject
    JobService jobs;
    @Inject
    ScimClientFactory scimClients;
    @Inject
    EvaluationSettings evaluation;
    @Inject
    TargetIndexReader targetIndex;
    @Inject
    Pool database;

    @Test
    void failuresMetByAnotherInstanceCountTowardTheJobsFailureShare() throws Throwable {
        String app = newApplication();
        UUID job = UUID.fromString(createJob(miroJob(app)));
        await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 1);
        try (OtherInstance other = OtherInstance.start(job, consumer, jobs, scimClients, evaluation, targetIndex)) {
            await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 2);
            // a third instance's changes, all failed, stored with its polls (the test window is 20 changes)
            database.preparedQuery("""
                            insert into job_recent_outcome (job_id, change, failed, sequence)
                            select $1, 'USER/elsewhere-' || n || '@1', true, 1000000 + n from generate_series(1, 25) n""")
                    .execute(Tuple.of(job)).await().atMost(Duration.ofSeconds(10));
            assertThat(quarantineReason(job)).isNull();

            UserSnapshot user = uniqueUser("Fine", "Here", "Shared");
            publish(assigned(app, user, 1));
            await().atMost(WAIT).until(() -> miroUsers(user.userPrincipalName()).size() == 1);

            await().atMost(WAIT).until(() -> "EncounteredEscrowProportionThreshold".equals(quarantineReason(job)));
        }
    }

    private static String quarantineReason(UUID job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .path("quarantine.reason");
    }
}
