package io.scimitar.provisioner.log;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
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

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class LogRetentionTest {

    @Inject
    ProvisioningLogRepository log;

    @Inject
    LogRetention retention;

    @Test
    void deletesEntriesOlderThanTheRetentionPeriodAndKeepsTheRest() {
        UUID job = UUID.randomUUID();
        log.insert(entry(job, "old", Instant.now().minus(Duration.ofDays(31)))).await().indefinitely();
        log.insert(entry(job, "recent", Instant.now().minus(Duration.ofDays(29)))).await().indefinitely();

        retention.purgeNow().await().indefinitely();

        assertThat(log.forObject(job, "old").await().indefinitely()).isEmpty();
        assertThat(log.forObject(job, "recent").await().indefinitely()).hasSize(1);
    }

    private static ProvisioningLogEntry entry(UUID job, String sourceId, Instant at) {
        return new ProvisioningLogEntry(null, job, UUID.randomUUID(), UUID.randomUUID(), at, 1,
                ProvisioningAction.OTHER, ProvisioningStatus.SKIPPED, "User", sourceId, sourceId, null, null, 1L,
                List.of(), List.of(), "EntrySynchronizationSkipped", "test entry");
    }
}
