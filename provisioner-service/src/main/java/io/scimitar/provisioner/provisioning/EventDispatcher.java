package io.scimitar.provisioner.provisioning;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.deletions.DeletionGuard;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.EscrowKey;
import io.scimitar.provisioner.pipeline.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routes an assignment event to the step that applies it, then stores what the change leaves: the object's link (when
 * the step left it to be stored here), its escrow state (escrowed if it failed, resolved otherwise) and its log entry,
 * with its poll's writes ({@link BatchWriter}), or at once for a change outside a poll.
 */
@ApplicationScoped
public class EventDispatcher {

    private final UserProvisioner users;
    private final GroupProvisioner groups;
    private final MembershipSynchronizer memberships;
    private final EscrowKeeper escrow;
    private final BatchWriter batchWriter;
    private final TableStatistics statistics;

    public EventDispatcher(UserProvisioner users, GroupProvisioner groups, MembershipSynchronizer memberships,
            EscrowKeeper escrow, BatchWriter batchWriter, TableStatistics statistics) {
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
        this.escrow = escrow;
        this.batchWriter = batchWriter;
        this.statistics = statistics;
    }

    /**
     * Applies one event for one job; the outcome's trace is in the provisioning log when this completes, or, within a
     * poll ({@link JobContext#writes}), kept to be written with the poll's other changes.
     */
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
        return outcome.call(result -> store(context, event, result)).invoke(statistics::changeStored);
    }

    private Uni<Void> store(JobContext context, AssignmentEvent event, ChangeOutcome outcome) {
        if (context.writes() != null) {
            return keep(context, event, outcome, context.writes());
        }
        // outside a poll (on demand): the same writes for this one change, in one statement at once
        PendingWrites change = new PendingWrites(context.job().id());
        return keep(context, event, outcome, change).call(() -> batchWriter.flush(change));
    }

    /**
     * Leaves what the change stores to the poll's writes; only a failure's escrow entry is written now, since its log
     * entry says when it will be retried (read from the stored entry's attempts).
     */
    private Uni<Void> keep(JobContext context, AssignmentEvent event, ChangeOutcome outcome, PendingWrites writes) {
        if (outcome.link() != null) {
            writes.link(outcome.link());
        }
        if (EscrowKeeper.onlyResolves(outcome)) {
            writes.resolved(EscrowKey.of(event), event.objectVersion());
            log(outcome, writes);
            return Uni.createFrom().voidItem();
        }
        return escrow.record(context, event, outcome).invoke(() -> log(outcome, writes));
    }

    /** Logs the change, unless it is a deletion still settling in the guard (logged once it goes out or is held). */
    private static void log(ChangeOutcome outcome, PendingWrites writes) {
        if (outcome.trace() != null && !DeletionGuard.settling(outcome.trace())) {
            writes.log(outcome.trace().toEntry());
        }
    }
}
