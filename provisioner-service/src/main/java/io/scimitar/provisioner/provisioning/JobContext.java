package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.job.JobDefinition;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.scim.PatchDialect;
import io.scimitar.provisioner.scim.ScimClient;

import java.util.UUID;

/** What processing a change for one job needs: the job, its SCIM client and dialect, the current cycle. */
public record JobContext(JobDefinition job, ScimClient scim, PatchDialect dialect, UUID cycleId,
        EvaluationEnvironment environment) {

    public static JobContext of(JobDefinition job, ScimClient scim, UUID cycleId) {
        return new JobContext(job, scim, PatchDialect.forTenant(job.tenantUrl(), job.profile().patchDialect()),
                cycleId, EvaluationEnvironment.system(value -> {
                    throw new IllegalStateException("SelectUniqueValue is not available in SCIM jobs");
                }));
    }

    @Override
    public String toString() {
        return "JobContext[" + job.id() + ", cycle " + cycleId + "]";
    }
}
