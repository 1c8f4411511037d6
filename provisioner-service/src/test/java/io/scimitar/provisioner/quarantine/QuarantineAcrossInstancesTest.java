package io.scimitar.provisioner.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
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
 * A quarantine entered by another provisioner instance running the same job (here: stored as that instance stores
 * it) holds the job on this instance too, and lifting it there lets this one go on.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class QuarantineAcrossInstancesTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String REASON = QuarantineReason.EncounteredQuarantineException.name();

    @Inject
    Pool database;

    @Test
    void aQuarantineEnteredAndLiftedThroughAnotherInstanceHoldsAndFreesTheJobHere() throws Exception {
        String app = newApplication();
        UUID job = UUID.fromString(createJob(miroJob(app)));
        UserSnapshot before = uniqueUser("Before", "Quarantine", "Elsewhere");
        publish(assigned(app, before, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> miroUsers(before.userPrincipalName()).size() == 1);

        // the other instance met a target rejecting the token: it stored the quarantine (and sent its email)
        storedElsewhere("""
                insert into job_quarantine (job_id, reason, detail, began_at, next_attempt, attempts,
                    notified_reason, notified_at, notification_delivered)
                values ($1, 'EncounteredQuarantineException', 'Unauthorized: met by another instance', now(),
                    now() + interval '1 day', 0, 'EncounteredQuarantineException', now(), true)""", job);
        await().atMost(WITHIN).until(() -> REASON.equals(quarantineReason(job)));
        UserSnapshot held = uniqueUser("Held", "Quarantine", "Elsewhere");
        publish(assigned(app, held, 1));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> miroUsers(held.userPrincipalName()).isEmpty());

        // the other instance's next try succeeded: it lifted the quarantine
        storedElsewhere("delete from job_quarantine where job_id = $1", job);
        await().atMost(Duration.ofSeconds(60)).until(() -> miroUsers(held.userPrincipalName()).size() == 1);
        assertThat(quarantineReason(job)).isEmpty();
    }

    private void storedElsewhere(String sql, UUID job) {
        assertThat(database.preparedQuery(sql).execute(Tuple.of(job)).await().atMost(Duration.ofSeconds(10))
                .rowCount()).isEqualTo(1);
    }

    private static String quarantineReason(UUID job) throws Exception {
        JsonNode progress = JSON.readTree(asReader().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200)
                .extract().asString());
        return progress.path("quarantine").path("reason").asText("");
    }
}
