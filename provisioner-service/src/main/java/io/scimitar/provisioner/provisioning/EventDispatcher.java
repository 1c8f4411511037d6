package io.scimitar.provisioner.provisioning;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Routes an assignment event to the step that applies it, escrows it if it failed, and logs it. */
@ApplicationScoped
public class EventDispatcher {

    private final UserProvisioner users;
    private final GroupProvisioner groups;
    private final MembershipSynchronizer memberships;
    private final ProvisioningLogRepository log;
    private final EscrowKeeper escrow;

    public EventDispatcher(UserProvisioner users, GroupProvisioner groups, MembershipSynchronizer memberships,
            ProvisioningLogRepository log, EscrowKeeper escrow) {
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
        this.log = log;
        this.escrow = escrow;
    }

    /** Applies one event for one job; the outcome's trace is already in the provisioning log when this completes. */
    public Uni<ChangeOutcome> dispatch(JobContext context, AssignmentEvent event) {
        Uni<ChangeOutcome> outcome;
        if (event instanceof UserAssignmentEvent user) {
            outcome = users.apply(context, user);
        } else if (event instanceof UserDeletedEvent deleted) {
            outcome = users.delete(context, deleted);
        } else if (event instanceof GroupAssignmentEvent group) {
            outcome = groups.apply(context, group);
        } else if (event instanceof GroupMembershipEvent membership) {
            outcome = memberships.apply(context, membership);
        } else {
            outcome = groups.delete(context, (GroupDeletedEvent) event);
        }
        return outcome
                .call(result -> escrow.record(context, event, result))
                .call(result -> result.trace() == null ? Uni.createFrom().voidItem()
                        : log.insert(result.trace().toEntry()));
    }
}
