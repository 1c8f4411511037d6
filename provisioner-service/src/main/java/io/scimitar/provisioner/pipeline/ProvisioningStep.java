package io.scimitar.provisioner.pipeline;

import java.util.Map;

/** One step of processing a change: import, scoping, matching, processing, referenceResolution or export. */
public record ProvisioningStep(StepType type, String name, ProvisioningStatus status, String description,
        Map<String, Object> details) {

    /** Entra's provisioningStepType. */
    public enum StepType {
        IMPORT, SCOPING, MATCHING, PROCESSING, REFERENCE_RESOLUTION, EXPORT
    }

    public ProvisioningStep {
        details = details == null ? Map.of() : details;
    }
}
