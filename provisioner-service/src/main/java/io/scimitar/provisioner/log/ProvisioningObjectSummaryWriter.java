package io.scimitar.provisioner.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes provisioning log entries as Microsoft Graph's {@code GET /auditLogs/provisioning} answers them: an OData
 * collection of {@code provisioningObjectSummary} objects with Graph's field names, enum spellings and nested types
 * ({@code provisioningStatusInfo}, {@code provisioningStep}, {@code modifiedProperty}, {@code provisionedIdentity},
 * {@code provisioningSystem}, {@code initiator}), for tools that read Entra's provisioning logs.
 */
final class ProvisioningObjectSummaryWriter {

    static final String CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning";
    static final String SOURCE_SYSTEM = "Scimitar directory";
    static final String INITIATOR = "Scimitar provisioning service";

    private ProvisioningObjectSummaryWriter() {
    }

    /** What the summaries say of the job: never its tenant URL's token or any other secret. */
    record JobLabel(UUID id, String applicationId, String name, ConnectorProfile profile) {
        static JobLabel of(JobDefinition job) {
            return new JobLabel(job.id(), job.applicationId(), job.name(), job.profile());
        }
    }

    static ObjectNode collection(List<ProvisioningLogEntry> entries, JobLabel job, ObjectMapper json) {
        ObjectNode answer = json.createObjectNode();
        answer.put("@odata.context", CONTEXT);
        ArrayNode value = answer.putArray("value");
        entries.forEach(entry -> value.add(summary(entry, job, json)));
        return answer;
    }

    private static ObjectNode summary(ProvisioningLogEntry entry, JobLabel job, ObjectMapper json) {
        ObjectNode summary = json.createObjectNode();
        summary.put("id", UUID.nameUUIDFromBytes(("scimitar-log-" + entry.id()).getBytes(StandardCharsets.UTF_8))
                .toString());
        summary.put("activityDateTime", entry.activityTime().toString());
        summary.putNull("tenantId");
        summary.put("jobId", entry.jobId().toString());
        summary.put("cycleId", text(entry.cycleId()));
        summary.put("changeId", text(entry.changeId()));
        summary.put("provisioningAction", action(entry));
        summary.put("durationInMilliseconds", (int) Math.min(Integer.MAX_VALUE, entry.durationMs()));
        summary.set("sourceSystem", system(json, null, SOURCE_SYSTEM, Map.of()));
        summary.set("targetSystem", system(json, job.id().toString(), targetName(job.profile()),
                Map.of("ApplicationId", job.applicationId(), "ServicePrincipalDisplayName", job.name())));
        ObjectNode initiator = summary.putObject("initiatedBy");
        initiator.put("id", "");
        initiator.put("displayName", INITIATOR);
        initiator.put("initiatorType", "system");
        ObjectNode servicePrincipal = summary.putObject("servicePrincipal");
        servicePrincipal.put("id", job.applicationId());
        servicePrincipal.put("displayName", job.name());
        summary.set("sourceIdentity", identity(json, entry.sourceId(), entry.sourceDisplay(), entry.objectType()));
        summary.set("targetIdentity", identity(json, entry.targetId(), "", entry.objectType()));
        summary.set("provisioningStatusInfo", statusInfo(entry, json));
        ArrayNode steps = summary.putArray("provisioningSteps");
        entry.steps().forEach(step -> steps.add(step(step, json)));
        ArrayNode modified = summary.putArray("modifiedProperties");
        for (ModifiedProperty property : entry.modifiedProperties()) {
            ObjectNode node = modified.addObject();
            node.put("displayName", property.displayName());
            node.put("oldValue", value(property.oldValue(), json));
            node.put("newValue", value(property.newValue(), json));
        }
        return summary;
    }

    /** Graph's provisioningAction: create, update, delete, disable, stagedDelete, other. */
    private static String action(ProvisioningLogEntry entry) {
        return switch (entry.action()) {
            case STAGED_DELETE -> "stagedDelete";
            default -> entry.action().name().toLowerCase(Locale.ROOT);
        };
    }

    private static ObjectNode statusInfo(ProvisioningLogEntry entry, ObjectMapper json) {
        ObjectNode info = json.createObjectNode();
        info.put("status", status(entry.status()));
        if (entry.errorCode() == null && entry.errorReason() == null) {
            info.putNull("errorInformation");
        } else {
            ObjectNode error = info.putObject("errorInformation");
            error.put("errorCode", entry.errorCode());
            error.put("reason", entry.errorReason());
            error.putNull("additionalDetails");
            error.put("errorCategory", entry.status() == ProvisioningStatus.FAILURE ? "failure" : "nonServiceFailure");
            error.putNull("recommendedAction");
        }
        return info;
    }

    private static ObjectNode step(ProvisioningStep step, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("name", step.name());
        node.put("provisioningStepType", stepType(step.type()));
        node.put("status", status(step.status()));
        node.put("description", step.description());
        ObjectNode details = node.putObject("details");
        step.details().forEach((key, value) -> details.put(key, value(value, json)));
        return node;
    }

    /** Graph's provisioningStepType: import, scoping, matching, processing, referenceResolution, export. */
    private static String stepType(ProvisioningStep.StepType type) {
        return type == ProvisioningStep.StepType.REFERENCE_RESOLUTION ? "referenceResolution"
                : type.name().toLowerCase(Locale.ROOT);
    }

    private static String status(ProvisioningStatus status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode system(ObjectMapper json, String id, String displayName, Map<String, String> details) {
        ObjectNode system = json.createObjectNode();
        system.put("id", id);
        system.put("displayName", displayName);
        ObjectNode detailsNode = system.putObject("details");
        details.forEach(detailsNode::put);
        return system;
    }

    private static ObjectNode identity(ObjectMapper json, String id, String displayName, String type) {
        ObjectNode identity = json.createObjectNode();
        identity.put("id", id == null ? "" : id);
        identity.put("displayName", displayName == null ? "" : displayName);
        identity.put("identityType", type);
        identity.putObject("details");
        return identity;
    }

    private static String targetName(ConnectorProfile profile) {
        return profile == ConnectorProfile.MIRO ? "Miro" : "SCIM 2.0 application";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String value(Object value, ObjectMapper json) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }
}
