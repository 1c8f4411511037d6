package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.rules.EvaluationBudget;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.scim.PatchDialect;
import io.scimitar.provisioner.scim.ScimClient;

import java.util.UUID;

/**
 * What processing a change for one job needs: the job, its SCIM client and dialect, the current cycle, whether
 * disables and deletes go out without the deletion guard (an administrator allowed the held ones), and whether a
 * request with no room in the target's rate limit is put off rather than waited for (the job's own consumer does
 * that, so that one scarce budget does not hold up everything else; provisioning on demand waits), and the writes of
 * the poll the change belongs to ({@code writes}: its link, escrow resolution and log entry are written with the whole
 * poll's; null outside a poll, as on demand, where each change is stored at once).
 */
public record JobContext(JobDefinition job, ScimClient scim, PatchDialect dialect, UUID cycleId,
        EvaluationEnvironment environment, boolean deletionsAllowed, boolean defersForRateLimits,
        PendingWrites writes) {

    public static JobContext of(JobDefinition job, ScimClient scim, UUID cycleId, EvaluationBudget budget) {
        return new JobContext(job, scim, PatchDialect.forTenant(job.tenantUrl(), job.profile().patchDialect()),
                cycleId, EvaluationEnvironment.system(value -> {
                    throw new IllegalStateException("SelectUniqueValue is not available in SCIM jobs");
                }).withBudget(budget), false, false, null);
    }

    /** The same context for changes whose disables and deletes an administrator allowed. */
    public JobContext withDeletionsAllowed() {
        return new JobContext(job, scim, dialect, cycleId, environment, true, defersForRateLimits, writes);
    }

    /** The same context, putting off what the target's rate limit has no room for now. */
    public JobContext deferringForRateLimits() {
        return new JobContext(job, scim, dialect, cycleId, environment, deletionsAllowed, true, writes);
    }

    /** The same context, leaving what its changes store to {@code pending}, written once for the whole poll. */
    public JobContext writingWith(PendingWrites pending) {
        return new JobContext(job, scim, dialect, cycleId, environment, deletionsAllowed, defersForRateLimits,
                pending);
    }

    /** The same context calling the target through {@code client} (the job's client, tracing one change). */
    public JobContext withScim(ScimClient client) {
        return new JobContext(job, client, dialect, cycleId, environment, deletionsAllowed, defersForRateLimits,
                writes);
    }

    @Override
    public String toString() {
        return "JobContext[" + job.id() + ", cycle " + cycleId + "]";
    }
}
