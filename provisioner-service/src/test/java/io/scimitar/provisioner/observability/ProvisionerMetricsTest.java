package io.scimitar.provisioner.observability;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /q/metrics} scraped before and after a sync through the real pipeline (Kafka, PostgreSQL, the Miro mock):
 * each of the provisioner's meters moves for the job.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ProvisionerMetricsTest {

    private static final int USERS = 5;

    @AfterEach
    void restoreTheMock() {
        miroFaults("[]");
        miroSettings("{\"scimEnabled\":true}");
    }

    @Test
    void eachMeterOfTheJobMovesWithASync() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        String tag = "job=\"" + job + "\"";
        Scrape before = Scrape.now();
        List<UserSnapshot> users = IntStream.range(0, USERS).mapToObj(i -> uniqueUser("Metric", "User" + i, "M"))
                .toList();
        // the first create fails for a while: it waits in escrow
        miroFaults("[{\"endpoint\":\"USERS_CREATE\",\"failNext\":1000,\"errorStatus\":503}]");

        publish(assigned(app, users.get(0), 1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().count("scimitar_provisioner_escrow_changes", tag) == 1);
        miroFaults("[]");
        users.stream().skip(1).forEach(user -> publish(assigned(app, user, 1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> users.stream()
                .allMatch(user -> miroUsers(user.userPrincipalName()).size() == 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = Scrape.now();
            assertThat(after.count("scimitar_provisioner_events_consumed_total", tag)
                    - before.count("scimitar_provisioner_events_consumed_total", tag)).isEqualTo(USERS);
            assertThat(after.count("scimitar_provisioner_change_applied_latency_seconds_count", tag))
                    .isEqualTo(USERS);
            assertThat(after.count("scimitar_provisioner_change_applied_latency_seconds_bucket", tag,
                    "le=\"+Inf\"")).isEqualTo(USERS);
            assertThat(after.count("scimitar_provisioner_scim_requests_total", tag, "operation=\"users_create\"",
                    "status=\"2xx\"")).isEqualTo(USERS);
            assertThat(after.count("scimitar_provisioner_scim_requests_total", tag, "operation=\"users_create\"",
                    "status=\"5xx\"")).isGreaterThanOrEqualTo(1);
            assertThat(after.count("scimitar_provisioner_rate_limit_wait_seconds_count", tag))
                    .isGreaterThan(before.count("scimitar_provisioner_rate_limit_wait_seconds_count", tag));
            assertThat(after.value("scimitar_provisioner_consumer_lag_events", tag)).isZero();
            assertThat(after.value("scimitar_provisioner_escrow_changes", tag)).isZero();
            assertThat(after.value("scimitar_provisioner_staged_deletions", tag)).isZero();
            assertThat(after.value("scimitar_provisioner_job_quarantined", tag)).isZero();
        });
        assertThat(before.value("scimitar_provisioner_consumer_lag_events", tag)).isNull();
    }

    @Test
    void theQuarantineGaugeIsOneWhileTheTargetRejectsTheJob() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        String tag = "job=\"" + job + "\"";
        miroSettings("{\"scimEnabled\":false}");

        publish(assigned(app, uniqueUser("Quarantined", "User", "Q"), 1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Scrape.now().count("scimitar_provisioner_job_quarantined", tag) == 1);
        assertThat(Scrape.now().count("scimitar_provisioner_scim_requests_total", tag, "status=\"4xx\""))
                .isGreaterThanOrEqualTo(1);
        miroSettings("{\"scimEnabled\":true}");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Scrape.now().count("scimitar_provisioner_job_quarantined", tag) == 0);
    }
}
