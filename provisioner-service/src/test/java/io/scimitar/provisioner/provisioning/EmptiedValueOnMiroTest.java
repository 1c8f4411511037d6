package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

/** Miro cannot clear an attribute: an emptied value is kept there, and the log says so instead of "in sync". */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class EmptiedValueOnMiroTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ProvisioningLogRepository log;

    @Test
    void warnsThatMiroKeepsASurnameTheDirectoryEmptied() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot ada = uniqueUser("Ada", "D'Arcy", "R&D");
        publish(assigned(app, ada, 1));
        awaitEntries(job, ada.id(), 1);

        publish(assigned(app, withoutSurname(ada), 2));

        ProvisioningLogEntry entry = awaitEntries(job, ada.id(), 2).get(0);
        assertThat(entry.status()).isEqualTo(ProvisioningStatus.WARNING);
        assertThat(entry.errorCode()).isEqualTo("TargetCannotClearAttribute");
        assertThat(entry.errorReason()).doesNotContain("in sync")
                .contains("keeps name.familyName = 'D'Arcy'").contains("no way to clear");
        JsonNode user = miroUsers(ada.userPrincipalName()).get(0);
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("D'Arcy");
    }

    private static UserSnapshot withoutSurname(UserSnapshot user) {
        return new UserSnapshot(user.id(), user.userPrincipalName(), user.mail(), user.mailNickname(),
                user.givenName(), null, user.displayName(), user.jobTitle(), user.department(), user.companyName(),
                user.employeeId(), user.employeeType(), user.officeLocation(), user.city(), user.country(),
                user.usageLocation(), user.mobilePhone(), user.businessPhones(), user.preferredLanguage(),
                user.accountEnabled(), user.managerId(), user.extensionAttributes(), user.createdDateTime(),
                Instant.now(), user.deletedDateTime());
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, String sourceId, int count) {
        UUID jobId = UUID.fromString(job);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.forObject(jobId, sourceId).await().indefinitely(), entries -> entries.size() >= count);
    }
}
