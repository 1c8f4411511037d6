package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.testsupport.MiroMockResource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;

/** A stored Miro job against the mock, and the context its stages run in, for testing one stage alone. */
@ApplicationScoped
public class StageJobs {

    private final ScimClientFactory clients;
    private final EvaluationSettings evaluation;

    public StageJobs(ScimClientFactory clients, EvaluationSettings evaluation) {
        this.clients = clients;
        this.evaluation = evaluation;
    }

    /**
     * Creates a Miro job for {@code applicationId} (assigned users only) that does not run (so that only the test acts
     * on its records: a running job's sweep of groups that may differ would act on them too) and returns a context of
     * a fresh cycle.
     */
    public JobContext miroContext(String applicationId) {
        return miroContext(applicationId, "OFF");
    }

    /** As {@link #miroContext(String)}, for a job that runs meanwhile (its consumer, its sweeps) as a job does. */
    public JobContext runningMiroContext(String applicationId) {
        return miroContext(applicationId, "ON");
    }

    private JobContext miroContext(String applicationId, String status) {
        Map<String, Object> definition = miroJob(applicationId);
        definition.put("status", status);
        UUID id = UUID.fromString(createJob(definition));
        JobDefinition job = StageFixture.miroJob(id, applicationId, ProvisioningScope.ASSIGNED_ONLY,
                MiroMockResource.scimUrl(), MiroMockResource.TOKEN);
        return context(job);
    }

    /**
     * Creates a generic SCIM job for {@code applicationId} against the mock (whose group model the test sets to user
     * groups, which SCIM may create) and returns a context of a fresh cycle.
     */
    public JobContext genericContext(String applicationId) {
        UUID id = UUID.fromString(createJob(Map.of("name", "Generic " + applicationId, "applicationId", applicationId,
                "profile", "GENERIC_SCIM", "tenantUrl", MiroMockResource.scimUrl(), "secretToken",
                MiroMockResource.TOKEN, "allowInsecureHttp", true)));
        return context(StageFixture.genericJob(id, applicationId, ProvisioningScope.ASSIGNED_ONLY,
                MiroMockResource.scimUrl(), MiroMockResource.TOKEN));
    }

    /** The context of a fresh cycle of {@code job}, whose SCIM client is the job's own. */
    public JobContext context(JobDefinition job) {
        return JobContext.of(job, clients.forJob(job.id(), job.tenantUrl(), job.secretToken(), job.rateLimits()),
                UUID.randomUUID(), evaluation.budget());
    }
}
