package io.scimitar.provisioner.job;

/**
 * A job as an administrator creates or replaces it. Omitted {@code users} / {@code groups} settings take the profile's
 * defaults; an omitted {@code secretToken} on replace keeps the stored one.
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
        TargetRateLimits rateLimits) {

    @Override
    public String toString() {
        return "JobRequest[" + name + ", application " + applicationId + ", " + profile + "]";
    }
}
