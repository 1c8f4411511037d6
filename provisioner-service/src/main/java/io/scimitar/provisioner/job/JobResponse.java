package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as the API shows it: the secret token only as set or not set, never its value; whether it may use plain
 * http; whether the directory deleted its application (the job then receives no more events).
 */
public record JobResponse(
        UUID id,
        String name,
        String applicationId,
        ConnectorProfile profile,
        String tenantUrl,
        boolean secretTokenSet,
        boolean allowInsecureHttp,
        ProvisioningScope scope,
        JobStatus status,
        String notificationEmail,
        int deletionThreshold,
        boolean skipOutOfScopeDeletions,
        ObjectTypeSettings users,
        ObjectTypeSettings groups,
        RateLimitsResponse rateLimits,
        long version,
        Instant createdAt,
        Instant updatedAt,
        boolean applicationDeleted) {
}
