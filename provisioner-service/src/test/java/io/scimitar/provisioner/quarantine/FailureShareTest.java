package io.scimitar.provisioner.quarantine;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static io.scimitar.provisioner.quarantine.QuarantineTest.quarantineReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure share that quarantines a job, over its recent distinct changes: judged from the minimum sample (10 in
 * tests, window 20) and not forgotten when the job is paused and started again, nor by a new process (stored).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class FailureShareTest {

    @Inject
    RecentOutcomesByJob outcomes;

    private static final Duration WAIT = Duration.ofSeconds(40);

    @AfterEach
    void clearFaults() {
        miroFaults("[]");
    }

    @Test
    void failuresBeforeAPauseStillCountAfterTheJobIsStartedAgain() {
        miroFaults("[{\"endpoint\":\"USERS_CREATE\",\"errorRate\":1.0,\"errorStatus\":400}]");
        String app = newApplication();
        String job = createJob(miroJob(app));
        for (int i = 0; i < 6; i++) {
            publish(assigned(app, uniqueUser("Before" + i, "Pause", "Share"), 1));
        }
        awaitFailures(job, 6);
        assertThat(quarantineReason(job)).as("6 changes are below the minimum sample").isNull();

        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        for (int i = 0; i < 6; i++) {
            publish(assigned(app, uniqueUser("After" + i, "Pause", "Share"), 1));
        }
        awaitFailures(job, 12);

        await().atMost(WAIT).until(() -> "EncounteredEscrowProportionThreshold".equals(quarantineReason(job)));
    }

    @Test
    void failuresBeforeAProvisionerRestartStillCountInTheNewProcess() {
        miroFaults("[{\"endpoint\":\"USERS_CREATE\",\"errorRate\":1.0,\"errorStatus\":400}]");
        String app = newApplication();
        String job = createJob(miroJob(app));
        for (int i = 0; i < 6; i++) {
            publish(assigned(app, uniqueUser("Before" + i, "Process", "Share"), 1));
        }
        awaitFailures(job, 6);
        assertThat(quarantineReason(job)).as("6 changes are below the minimum sample").isNull();

        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        outcomes.forget(UUID.fromString(job)); // a new process knows only what is stored
        assertThat(outcomes.of(UUID.fromString(job)).size()).isZero();
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        for (int i = 0; i < 6; i++) {
            publish(assigned(app, uniqueUser("After" + i, "Process", "Share"), 1));
        }
        awaitFailures(job, 12);

        await().atMost(WAIT).until(() -> "EncounteredEscrowProportionThreshold".equals(quarantineReason(job)));
        String detail = asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .path("quarantine.detail");
        assertThat(detail).as("judged on the changes before and after the restart together")
                .matches("1[0-2] of the last 1[0-2] changes failed .*");
    }

    private static void awaitFailures(String job, int count) {
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> entries = asReader().queryParam("status", "failure")
                    .get("/api/v1/jobs/" + job + "/logs").then().statusCode(200).extract().jsonPath()
                    .getList("entries");
            return entries.size() >= count;
        });
    }
}
