package io.scimitar.provisioner.configuration;

/**
 * Per object type settings of a job and its client-side rate limits, stored as JSON with the job. Configurations
 * stored before rate limits existed read as the profile's limits.
 */
public record JobConfiguration(ObjectTypeSettings users, ObjectTypeSettings groups, TargetRateLimits rateLimits) {

    public JobConfiguration {
        if (rateLimits == null) {
            rateLimits = TargetRateLimits.profileDefaults();
        }
    }

    public JobConfiguration(ObjectTypeSettings users, ObjectTypeSettings groups) {
        this(users, groups, null);
    }
}
