package io.scimitar.provisioner.quarantine;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * tests, window 20) and not forgotten when the job is paused and started again.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class FailureShareTest {

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

    private static void awaitFailures(String job, int count) {
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> entries = asReader().queryParam("status", "failure")
                    .get("/api/v1/jobs/" + job + "/logs").then().statusCode(200).extract().jsonPath()
                    .getList("entries");
            return entries.size() >= count;
        });
    }
}
