package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.JobConfiguration;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;

/** Compiles a stored job, with its decrypted token, into the definition the pipeline runs. */
final class JobCompiler {

    private JobCompiler() {
    }

    /** Throws the rules engine's validation exceptions for invalid rules. */
    static JobDefinition compile(ProvisioningJobEntity entity, JobConfiguration configuration, String secretToken) {
        return new JobDefinition(entity.id, entity.applicationId, entity.name, entity.profile, entity.tenantUrl,
                secretToken, entity.scope, entity.status, entity.notificationEmail, entity.deletionThreshold,
                entity.skipOutOfScopeDeletions, entity.version, configuration.users(), configuration.groups(),
                CompiledMappingSet.compile(configuration.users().mappings()),
                CompiledMappingSet.compile(configuration.groups().mappings()),
                JobDefinition.scopingFilters(configuration.users()),
                JobDefinition.scopingFilters(configuration.groups()),
                configuration.rateLimits().policy(entity.profile));
    }
}
