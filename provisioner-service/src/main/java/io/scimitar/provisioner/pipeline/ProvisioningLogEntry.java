package io.scimitar.provisioner.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One processed change, with everything Entra's provisioning log shows: which job, cycle and change, what was done to
 * which object, how it ended, the steps taken and the attributes modified.
 */
public record ProvisioningLogEntry(
        Long id,
        UUID jobId,
        UUID cycleId,
        UUID changeId,
        Instant activityTime,
        long durationMs,
        ProvisioningAction action,
        ProvisioningStatus status,
        String objectType,
        String sourceId,
        String sourceDisplay,
        String targetId,
        UUID eventId,
        Long objectVersion,
        List<ProvisioningStep> steps,
        List<ModifiedProperty> modifiedProperties,
        String errorCode,
        String errorReason) {

    public ProvisioningLogEntry {
        steps = steps == null ? List.of() : List.copyOf(steps);
        modifiedProperties = modifiedProperties == null ? List.of() : List.copyOf(modifiedProperties);
    }
}
