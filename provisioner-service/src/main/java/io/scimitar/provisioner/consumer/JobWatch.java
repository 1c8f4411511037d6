package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.quarantine.RecentOutcomes;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
    /** A batch's re-evaluation of its users' groups failed: the job thread looks at them again soon. */
    boolean membersPushFailed;
    long nextEscrowCheck;
    long nextPendingMembersCheck;
    Duration pendingMembersWait;

    JobWatch(JobProgress progress, RecentOutcomes recent, Duration pendingMembersWait) {
        this.progress = progress;
        this.recent = recent;
        this.pendingMembersWait = pendingMembersWait;
    }

    /** Counts one applied change. */
    void record(ChangeOutcome outcome, PendingWrites writes) {
        ChangeTrace trace = outcome instanceof ChangeOutcome.Processed processed ? processed.trace() : null;
        writes.onceDurable(() -> progress.processed(trace == null ? null : trace.action(),
                trace == null ? null : trace.status()));
        if (trace != null && trace.status() != ProvisioningStatus.SKIPPED) {
            boolean failed = trace.status() == ProvisioningStatus.FAILURE;
            recent.record(failed);
            batchChanges.incrementAndGet();
            if (failed) {
                batchFailures.incrementAndGet();
                if (REJECTED.contains(trace.toEntry().errorCode())) {
                    targetRejected.set(trace.toEntry().errorCode() + ": " + trace.toEntry().errorReason());
                }
            }
        }
    }
}
