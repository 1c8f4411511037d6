package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobConfiguration;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;

import java.util.UUID;

/** Job definitions for testing one stage of the pipeline alone: a Miro or generic SCIM job with its default mappings. */
public final class StageFixture {

    private StageFixture() {
    }

    public static JobDefinition miroJob(UUID id, String applicationId, ProvisioningScope scope, String tenantUrl,
            String secretToken) {
        JobConfiguration defaults = ConnectorProfile.MIRO.defaults();
        return withUsers(id, applicationId, scope, tenantUrl, secretToken, defaults.users(), defaults.groups());
    }

    public static JobDefinition withUsers(UUID id, String applicationId, ProvisioningScope scope, String tenantUrl,
            String secretToken, ObjectTypeSettings users, ObjectTypeSettings groups) {
        return job(ConnectorProfile.MIRO, id, applicationId, scope, tenantUrl, secretToken, users, groups);
    }

    /** A generic SCIM job (groups are created and deleted) with the profile's defaults. */
    public static JobDefinition genericJob(UUID id, String applicationId, ProvisioningScope scope, String tenantUrl,
            String secretToken) {
        JobConfiguration defaults = ConnectorProfile.GENERIC_SCIM.defaults();
        return job(ConnectorProfile.GENERIC_SCIM, id, applicationId, scope, tenantUrl, secretToken, defaults.users(),
                defaults.groups());
    }

    private static JobDefinition job(ConnectorProfile profile, UUID id, String applicationId,
            ProvisioningScope scope, String tenantUrl, String secretToken, ObjectTypeSettings users,
            ObjectTypeSettings groups) {
        return new JobDefinition(id, applicationId, profile.name() + " " + applicationId, profile, tenantUrl,
                secretToken, scope, JobStatus.ON, null, 500, false, 1, users, groups,
                CompiledMappingSet.compile(users.mappings()), CompiledMappingSet.compile(groups.mappings()),
                JobDefinition.scopingFilters(users), JobDefinition.scopingFilters(groups), profile.rateLimits());
    }
}
