package io.scimitar.provisioner.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.log.ProvisioningObjectSummaryExportTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningObjectSummaryWriterTest {

    @Test
    void writesAFailureAsGraphsErrorInformationAndAStagedDeleteInGraphsSpelling() {
        var job = new ProvisioningObjectSummaryWriter.JobLabel(UUID.randomUUID(), "app-1", "Miro",
                ConnectorProfile.MIRO);
        ProvisioningLogEntry failed = new ProvisioningLogEntry(7L, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Instant.parse("2026-12-05T08:00:00Z"), 12, ProvisioningAction.CREATE,
                ProvisioningStatus.FAILURE, "User", "u-1", "ada@example.com", null, UUID.randomUUID(), 1L,
                List.of(new ProvisioningStep(ProvisioningStep.StepType.REFERENCE_RESOLUTION, "ResolveMembers",
                        ProvisioningStatus.FAILURE, "no such user", Map.of("attempt", 2))),
                List.of(new ModifiedProperty("active", null, true)), "EntryConflict", "409 from the target");
        ProvisioningLogEntry staged = new ProvisioningLogEntry(8L, failed.jobId(), null, null, failed.activityTime(),
                0, ProvisioningAction.STAGED_DELETE, ProvisioningStatus.SKIPPED, "User", "u-2", "bob", "t-2", null,
                null, List.of(), List.of(), null, null);

        JsonNode value = ProvisioningObjectSummaryWriter.collection(List.of(failed, staged), job, new ObjectMapper())
                .get("value");

        JsonNode error = value.at("/0/provisioningStatusInfo/errorInformation");
        assertThat(fields(error)).containsExactlyInAnyOrder("errorCode", "reason", "additionalDetails",
                "errorCategory", "recommendedAction");
        assertThat(error.get("errorCode").asText()).isEqualTo("EntryConflict");
        assertThat(value.at("/0/provisioningSteps/0/provisioningStepType").asText()).isEqualTo("referenceResolution");
        assertThat(value.at("/0/provisioningSteps/0/details/attempt").asText()).isEqualTo("2");
        assertThat(value.at("/0/modifiedProperties/0/newValue").asText()).isEqualTo("true");
        assertThat(value.at("/0/modifiedProperties/0/oldValue").isNull()).isTrue();
        assertThat(value.at("/1/provisioningAction").asText()).isEqualTo("stagedDelete");
        assertThat(value.at("/1/provisioningStatusInfo/status").asText()).isEqualTo("skipped");
        assertThat(value.at("/1/cycleId").isNull()).isTrue();
    }
}
