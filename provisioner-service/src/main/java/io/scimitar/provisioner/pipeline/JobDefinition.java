package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;

import java.util.List;
import java.util.UUID;

/**
 * A job ready to run: its settings with the mappings and scoping filters parsed once, evaluated for every event.
 * Immutable; a changed job gets a new definition.
 */
public record JobDefinition(
        UUID id,
        String applicationId,
        String name,
        ConnectorProfile profile,
        String tenantUrl,
        String secretToken,
        ProvisioningScope scope,
        JobStatus status,
        String notificationEmail,
        int deletionThreshold,
        boolean skipOutOfScopeDeletions,
        long version,
        ObjectTypeSettings users,
        ObjectTypeSettings groups,
        CompiledMappingSet userMappings,
        CompiledMappingSet groupMappings,
        ScopingFilterSet userScope,
        ScopingFilterSet groupScope,
        RateLimitPolicy rateLimits) {

    /** The compiled scoping filters of one object type (everything when it has none). */
    public static ScopingFilterSet scopingFilters(ObjectTypeSettings settings) {
        if (settings.scopingFilters().isEmpty()) {
            return ScopingFilterSet.everything();
        }
        List<ScopingFilter> filters = settings.scopingFilters().stream()
                .map(ObjectTypeSettings.ScopingFilterSettings::toFilter)
                .toList();
        return ScopingFilterSet.compile(filters);
    }

    public boolean isOn() {
        return status == JobStatus.ON;
    }

    @Override
    public String toString() {
        return "JobDefinition[" + id + ", application " + applicationId + ", " + profile + ", " + status + "]";
    }
}
