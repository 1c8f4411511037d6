package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.quarantine.RecentOutcomes;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What the supervisor keeps for one running job: its progress, how its recent changes went (for quarantine), and when
 * its escrow and pending-member checks are due next. Written by the job's own thread and its parallel changes.
 */
final class JobWatch {

    /**
     * Errors that mean the target rejects the job as a whole: wrong credentials, a target that is not SCIM, or a
     * target host the policy refuses.
     */
    private static final Set<String> REJECTED = Set.of("Unauthorized", "InsufficientRights", "TargetHostRefused",
            "SystemForCrossDomainIdentityManagementServiceIncompatible");

    final JobProgress progress;
    final RecentOutcomes recent;
    final AtomicReference<String> targetRejected = new AtomicReference<>();
    final AtomicInteger batchChanges = new AtomicInteger();
    final AtomicInteger batchFailures = new AtomicInteger();
    /**
     * A batch's re-evaluation of its users' groups failed, or the batch itself did: the job thread looks at the members
     * left waiting again soon.
     */
    boolean membersPushFailed;
    /**
     * Whether an object (by its event key) lies on a partition this instance owns, so that its escrowed changes are
     * retried here and by no other instance; none while the job is not in its consumer group.
     */
    volatile Predicate<String> owns = key -> false;
    /**
     * Whether other instances consume the job too (they own some of its partitions): its failure share is then judged
     * on the window all of them stored, not on the changes applied here only.
     */
    volatile BooleanSupplier sharing = () -> false;
    long nextEscrowCheck;
    /** When the job next reads what other instances may have decided for it (a restart requested, a quarantine). */
    long nextSharedStateCheck;
    /**
     * When the job next sweeps the groups that may differ from the rule: not before it owns partitions (another
     * instance may be applying their groups' changes meanwhile), then as soon as it takes some ({@link
     * #partitionsTaken}), to find what a crash or a stop left waiting on them.
     */
    long nextPendingMembersCheck = Long.MAX_VALUE;
    /**
     * Whether the next sweep covers every group of the job rather than those on this instance's partitions: members
     * its own PATCHes left waiting (held back by the rate limit, failed, or a failed batch's users) may be in any
     * group, since a user's groups are re-evaluated by the instance that applies the user. Cleared by a sweep of every
     * group that went through.
     */
    boolean sweepEveryGroup;
    Duration pendingMembersWait;
    /** Users whose groups are re-evaluated once a backlog is read, or after a while. */
    final WaitingMemberPushes memberPushes;

    JobWatch(JobProgress progress, RecentOutcomes recent, Duration pendingMembersWait,
            WaitingMemberPushes memberPushes) {
        this.progress = progress;
        this.recent = recent;
        this.pendingMembersWait = pendingMembersWait;
        this.memberPushes = memberPushes;
    }

    /** The instance took partitions of the job: the groups on them are swept at once. */
    void partitionsTaken() {
        nextPendingMembersCheck = System.nanoTime();
    }

    /**
     * Counts one applied change in the run's progress and the job's statistics to date (both once its writes are
     * stored), and in the job's failure-share window (stored with the poll's writes).
     */
    void record(ChangeOutcome outcome, PendingWrites writes) {
        ChangeTrace trace = outcome instanceof ChangeOutcome.Processed processed ? processed.trace() : null;
        if (outcome instanceof ChangeOutcome.Deferred) {
            progress.deferred(); // waits in escrow for the rate limit: not done
        } else {
            ProvisioningAction action = trace == null ? null : trace.action();
            ProvisioningStatus status = trace == null ? ProvisioningStatus.SKIPPED : trace.status();
            writes.count(action, status);
            writes.onceDurable(() -> progress.processed(action, status));
        }
        if (trace != null && trace.status() != ProvisioningStatus.SKIPPED) {
            boolean failed = trace.status() == ProvisioningStatus.FAILURE;
            String change = changeKey(trace);
            RecentOutcomes.Recorded recorded = recent.record(change, failed);
            writes.window(new PendingWrites.WindowChange(change, false, failed, recorded.sequence()));
            if (recorded.slidOut() != null) {
                writes.window(new PendingWrites.WindowChange(recorded.slidOut(), true, false, recorded.sequence()));
            }
            batchChanges.incrementAndGet();
            if (failed) {
                batchFailures.incrementAndGet();
                if (REJECTED.contains(trace.toEntry().errorCode())) {
                    targetRejected.set(trace.toEntry().errorCode() + ": " + trace.toEntry().errorReason());
                }
            }
        }
    }

    /** One change, the same for each retry of it: the object and the version applied (or the change itself). */
    private static String changeKey(ChangeTrace trace) {
        io.scimitar.provisioner.pipeline.ProvisioningLogEntry entry = trace.toEntry();
        return entry.objectType() + "/" + entry.sourceId() + "@"
                + (entry.objectVersion() != null ? entry.objectVersion() : entry.changeId());
    }
}
