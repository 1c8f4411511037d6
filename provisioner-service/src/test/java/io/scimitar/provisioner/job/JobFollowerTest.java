package io.scimitar.provisioner.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

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
 * A job changed through another provisioner instance (here: its stored row changed as that instance's API would change
 * it, version and all) is followed by this one: paused, run again, and stopped once deleted.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class JobFollowerTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    JobRunnerRegistry runners;

    @Inject
    Pool database;

    @Test
    void aJobPausedResumedAndDeletedElsewhereIsStoppedRunAndStoppedHere() {
        String app = newApplication();
        UUID job = UUID.fromString(createJob(miroJob(app)));
        await().atMost(WITHIN).until(() -> runners.cycleId(job).isPresent());

        storedElsewhere("update provisioning_job set status = 'OFF', version = version + 1 where id = $1", job);
        await().atMost(WITHIN).until(() -> runners.cycleId(job).isEmpty());

        storedElsewhere("update provisioning_job set status = 'ON', version = version + 1 where id = $1", job);
        await().atMost(WITHIN).until(() -> runners.cycleId(job).isPresent());
        UserSnapshot user = uniqueUser("Followed", "Job", "Elsewhere");
        publish(assigned(app, user, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> miroUsers(user.userPrincipalName()).size() == 1);

        storedElsewhere("delete from provisioning_job where id = $1", job);
        await().atMost(WITHIN).until(() -> runners.cycleId(job).isEmpty());
    }

    private void storedElsewhere(String sql, UUID job) {
        assertThat(database.preparedQuery(sql).execute(Tuple.of(job)).await().atMost(Duration.ofSeconds(10))
                .rowCount()).isEqualTo(1);
    }
}
