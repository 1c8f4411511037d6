package io.scimitar.provisioner.quarantine;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quarantine against the real mock, broker and database, with a real SMTP server receiving the notification email:
 * rejected credentials, too many failures, and how a job leaves quarantine. Tries are 2 s apart in tests.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
class QuarantineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool database;

    @AfterEach
    void clearFaults() {
        miroFaults("[]");
    }

    @Test
    void rejectedCredentialsQuarantineTheJobSendOneEmailAndEndOnceTheTokenIsFixed() throws Exception {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("secretToken", "a-revoked-token");
        definition.put("notificationEmail", "identity-team@example.com");
        String job = createJob(definition);
        UserSnapshot ada = uniqueUser("Ada", "Quarantined", "R&D");

        publish(assigned(app, ada, 1));

        await().atMost(WAIT).until(() -> "EncounteredQuarantineException".equals(quarantineReason(job)));
        List<MimeMessage> mails = awaitMails("identity-team@example.com", 1);
        assertThat(mails.get(0).getSubject()).contains("Miro " + app).contains("EncounteredQuarantineException");
        String body = (String) mails.get(0).getContent();
        assertThat(body).contains("Unauthorized").contains("/api/v1/jobs/" + job).doesNotContain("a-revoked-token");

        UserSnapshot grace = uniqueUser("Grace", "WhileQuarantined", "R&D");
        publish(assigned(app, grace, 1));
        await("one email per quarantine, however often it retries").during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15)).until(() -> mailsTo("identity-team@example.com").size() == 1);

        Map<String, Object> fixed = miroJob(app);
        fixed.put("notificationEmail", "identity-team@example.com");
        asAdmin().contentType(ContentType.JSON).body(fixed).put("/api/v1/jobs/" + job).then().statusCode(200);

        await().atMost(WAIT).until(() -> miroUsers(ada.userPrincipalName()).size() == 1);
        await("an event that arrived while quarantined").atMost(WAIT)
                .until(() -> miroUsers(grace.userPrincipalName()).size() == 1);
        await().atMost(WAIT).until(() -> quarantineReason(job) == null);
    }

    @Test
    void aFailingTargetQuarantinesTheJobWhichRecoversWhenTheTargetDoes() throws Exception {
        miroFaults("[{\"endpoint\":\"USERS_CREATE\",\"errorRate\":1.0,\"errorStatus\":500}]");
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("notificationEmail", "failures@example.com");
        String job = createJob(definition);
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            users.add(uniqueUser("Failing" + i, "Target", "Ops"));
        }

        users.forEach(user -> publish(assigned(app, user, 1)));

        await().atMost(WAIT).until(() -> "EncounteredEscrowProportionThreshold".equals(quarantineReason(job)));
        assertThat(awaitMails("failures@example.com", 1).get(0).getSubject())
                .contains("EncounteredEscrowProportionThreshold");

        miroFaults("[]");

        await().atMost(WAIT).until(() -> quarantineReason(job) == null);
        await().atMost(WAIT).until(() -> users.stream()
                .allMatch(user -> miroUsers(user.userPrincipalName()).size() == 1));
    }

    /**
     * A process killed while sending the email leaves the episode's claim without a delivery: the running job sends it
     * once the claim's lease is over, once, and not while a send may still be under way.
     */
    @Test
    void anEmailWhoseSenderStoppedBeforeDeliveringItIsSentOnceByTheRunningJob() throws Exception {
        String app = newApplication();
        String to = "undelivered-" + app.substring(0, 8) + "@example.com";
        Map<String, Object> definition = miroJob(app);
        definition.put("notificationEmail", to);
        String job = createJob(definition);
        await().atMost(WAIT).until(() -> asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200)
                .extract().path("runningSince") != null);

        storeQuarantine(job, "now()");
        await("a claim within its lease: the send may be under way").during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8)).until(() -> mailsTo(to).isEmpty());

        storeQuarantine(job, "now() - interval '1 minute'");
        List<MimeMessage> mails = awaitMails(to, 1);
        assertThat(quarantineReason(job)).isEqualTo("EncounteredEscrowProportionThreshold");
        await("sent once").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> mailsTo(to).size() == 1);
        assertThat(mails.get(0).getSubject()).contains("EncounteredEscrowProportionThreshold");
        asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
    }

    /** The job's quarantine as a process leaves it when killed after claiming the email at {@code claimedAt}. */
    private void storeQuarantine(String job, String claimedAt) {
        database.preparedQuery("insert into job_quarantine (job_id, reason, detail, began_at, next_attempt, attempts, "
                        + "notified_reason, notified_at, notification_delivered) values ($1, "
                        + "'EncounteredEscrowProportionThreshold', 'Failures before the kill', now(), "
                        + "now() + interval '1 day', 0, 'EncounteredEscrowProportionThreshold', " + claimedAt
                        + ", false) on conflict (job_id) do update set notified_at = excluded.notified_at")
                .execute(Tuple.of(UUID.fromString(job))).await().atMost(Duration.ofSeconds(10));
    }

    static String quarantineReason(String job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .path("quarantine.reason");
    }

    static List<MimeMessage> awaitMails(String to, int count) {
        await().atMost(WAIT).until(() -> mailsTo(to).size() >= count);
        return mailsTo(to);
    }

    static List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(GreenMailResource.smtp().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(to));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
