package io.scimitar.provisioner.scope;

import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.rules.filter.ScopeDecision;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import jakarta.enterprise.context.ApplicationScoped;

/** Decides whether a user or group is in a job's scope: assignment (or "sync all"), then the scoping filters. */
@ApplicationScoped
public class ScopeEvaluator {

    public ScopeResult user(JobDefinition job, UserAssignmentEvent event) {
        if (job.scope() == ProvisioningScope.ASSIGNED_ONLY && !event.assigned()) {
            return new ScopeResult(false, false, "The user is not assigned to the application");
        }
        ScopeResult filtered = filters(job.userScope(), SourceObjects.user(event, false));
        if (!filtered.inScope()) {
            return filtered;
        }
        if (event.softDeleted()) {
            return new ScopeResult(true, false, "The user is soft-deleted in the directory");
        }
        if (!event.user().accountEnabled()) {
            return new ScopeResult(true, false, "The user's account is disabled (accountEnabled is false)");
        }
        return new ScopeResult(true, true, job.scope() == ProvisioningScope.ALL
                ? "The job syncs all users and groups; " + filtered.reason()
                : "The user is assigned to the application; " + filtered.reason());
    }

    public ScopeResult group(JobDefinition job, GroupAssignmentEvent event) {
        if (!job.groups().enabled()) {
            return new ScopeResult(false, false, "Group provisioning is turned off for this job");
        }
        if (job.scope() == ProvisioningScope.ASSIGNED_ONLY && !event.assigned()) {
            return new ScopeResult(false, false, "The group is not assigned to the application");
        }
        ScopeResult filtered = filters(job.groupScope(), SourceObjects.group(event, false));
        if (!filtered.inScope()) {
            return filtered;
        }
        if (event.softDeleted()) {
            return new ScopeResult(true, false, "The group is soft-deleted in the directory");
        }
        return new ScopeResult(true, true, "The group is in scope; " + filtered.reason());
    }

    /**
     * Whether the source counts the user in the job's scope (the total of the progress): assigned, or any user of a
     * job syncing all; before the scoping filters.
     */
    public static boolean countedBySource(JobDefinition job, UserAssignmentEvent event) {
        return job.scope() == ProvisioningScope.ALL || event.assigned();
    }

    /**
     * Whether the source counts the group in the job's scope: the job provisions groups and the group is not
     * soft-deleted, assigned or the job syncs all; before the scoping filters.
     */
    public static boolean countedBySource(JobDefinition job, GroupAssignmentEvent event) {
        return job.groups().enabled() && !event.softDeleted()
                && (job.scope() == ProvisioningScope.ALL || event.assigned());
    }

    private static ScopeResult filters(ScopingFilterSet filters, io.scimitar.provisioner.rules.SourceObject source) {
        ScopeDecision decision = filters.evaluate(source);
        return new ScopeResult(decision.inScope(), decision.inScope(), decision.reason());
    }
}
