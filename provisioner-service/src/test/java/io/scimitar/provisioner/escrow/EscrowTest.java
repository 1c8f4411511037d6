package io.scimitar.provisioner.escrow;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.LogQuery;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class EscrowTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    ProvisioningLogRepository log;

    @Inject
    EscrowRepository escrow;

    @AfterEach
    void clearFaults() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void retriesATransientFailureUntilItSucceeds() throws Exception {
        String app = newApplication();
        String job = createJob(miroJob(app));
        fault("{\"endpoint\":\"USERS_CREATE\",\"failNext\":2,\"errorStatus\":503}");
        UserSnapshot user = uniqueUser("Retry", "Later", "E");

        publish(assigned(app, user, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> miroUsers(user.userPrincipalName()).size() == 1);
        List<ProvisioningLogEntry> entries = awaitEntries(job, 3);
        assertThat(entries.get(0).action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(entries.get(0).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(entries.subList(1, 3)).allSatisfy(failed -> {
            assertThat(failed.status()).isEqualTo(ProvisioningStatus.FAILURE);
            assertThat(failed.errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(failed.errorReason()).contains("It will be retried again after this date");
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> escrow.count(UUID.fromString(job)).await().indefinitely() == 0L);
    }

    @Test
    void anEscrowedObjectNeverBlocksTheOthersAndANewerStateWins() throws Exception {
        String app = newApplication();
        String job = createJob(miroJob(app));
        fault("{\"endpoint\":\"USERS_CREATE\",\"failNext\":1,\"errorStatus\":400}");
        UserSnapshot stuck = uniqueUser("Stuck", "First", "E");
        UserSnapshot free = uniqueUser("Free", "Second", "E");

        publish(assigned(app, stuck, 1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> escrow.count(UUID.fromString(job)).await().indefinitely() == 1L);
        publish(assigned(app, free, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> miroUsers(free.userPrincipalName()).size() == 1);
        assertThat(miroUsers(stuck.userPrincipalName())).isEmpty();

        publish(assigned(app, stuck, 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> miroUsers(stuck.userPrincipalName()).size() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> escrow.count(UUID.fromString(job)).await().indefinitely() == 0L);
        assertThat(entries(job)).filteredOn(e -> e.sourceId().equals(stuck.id()))
                .extracting(ProvisioningLogEntry::status)
                .containsExactly(ProvisioningStatus.SUCCESS, ProvisioningStatus.FAILURE);
    }

    private static void fault(String rule) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl()
                        + "/admin/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private List<ProvisioningLogEntry> entries(String job) {
        return log.find(new LogQuery(UUID.fromString(job), null, null, null, null, null, null, null, null, 100))
                .await().indefinitely();
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> entries(job), entries -> entries.size() >= count);
    }
}
