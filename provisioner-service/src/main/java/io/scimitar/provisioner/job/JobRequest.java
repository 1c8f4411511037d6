package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.configuration.TargetRateLimits;

/**
 * A job as an administrator creates or replaces it. On create, an omitted {@code status} is OFF (the job waits for
 * {@code /start} or {@code "status": "ON"}, as in Entra) and omitted {@code users} / {@code groups} settings take the
 * profile's defaults; on replace, every omitted optional setting keeps its stored value (an empty
 * {@code notificationEmail} clears it). An omitted {@code secretToken} on replace keeps the stored one (only while the
 * tenant URL keeps its origin); {@code allowInsecureHttp} must be true for a plain http tenant URL.
 */
public record JobRequest(
        String name,
        String applicationId,
        ConnectorProfile profile,
        String tenantUrl,
        String secretToken,
        ProvisioningScope scope,
        JobStatus status,
        String notificationEmail,
        Integer deletionThreshold,
        Boolean skipOutOfScopeDeletions,
        ObjectTypeSettings users,
        ObjectTypeSettings groups,
        TargetRateLimits rateLimits,
        Boolean allowInsecureHttp) {

    @Override
    public String toString() {
        return "JobRequest[" + name + ", application " + applicationId + ", " + profile + "]";
    }
}
