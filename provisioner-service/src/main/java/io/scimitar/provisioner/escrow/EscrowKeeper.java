package io.scimitar.provisioner.escrow;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.EscrowKey;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts failed changes in escrow and takes them out when they, or a newer state of the same object, succeed. An
 * escrowed object never blocks the others: its event's offset is committed once the escrow entry is stored.
 * Membership deltas are escrowed one by one (they are changes, not states, so a newer one must not replace them).
 */
@ApplicationScoped
public class EscrowKeeper {

    private final EscrowRepository escrow;
    private final RetrySchedule schedule;
    private final EscrowSettings settings;

    public EscrowKeeper(EscrowRepository escrow, EscrowSettings settings) {
        this.escrow = escrow;
        this.settings = settings;
        this.schedule = new RetrySchedule(settings, new SecureRandom());
    }

    /**
     * Whether storing {@code outcome} only takes its object's entry out of escrow: the change was applied, skipped or
     * already superseded (neither failed, nor put off, nor held by the deletion guard).
     */
    public static boolean onlyResolves(ChangeOutcome outcome) {
        ChangeTrace trace = outcome.trace();
        return outcome.deferredUntil() == null && (trace == null || (trace.action() != ProvisioningAction.STAGED_DELETE
                && trace.status() != ProvisioningStatus.FAILURE));
    }

    /** Escrows a failed change (adding when it will be retried to its log reason) or resolves a successful one. */
    public Uni<Void> record(JobContext context, AssignmentEvent event, ChangeOutcome outcome) {
        ChangeTrace trace = outcome.trace();
        UUID jobId = context.job().id();
        String key = EscrowKey.of(event);
        if (trace != null && trace.action() == ProvisioningAction.STAGED_DELETE) {
            // the deletion guard stored it already (settling, held or rejected), with who and why
            return Uni.createFrom().voidItem();
        }
        if (outcome.deferredUntil() != null) {
            Instant retryAt = outcome.deferredUntil();
            return escrow.fail(jobId, key, event.objectVersion(), AssignmentEventCodec.encodeToString(event),
                    Instant.now(), attempts -> retryAt, "RateLimited",
                    "Put off until the target's rate limit has room for it", EscrowEntry.Kind.RETRY).replaceWithVoid();
        }
        if (trace == null || trace.status() != ProvisioningStatus.FAILURE) {
            // applied, skipped, or already superseded by a newer state: nothing left to retry
            return escrow.resolved(jobId, key, event.objectVersion());
        }
        Instant now = Instant.now();
        return escrow.fail(jobId, key, event.objectVersion(), AssignmentEventCodec.encodeToString(event), now,
                        attempts -> schedule.next(now, attempts, trace.isTransientFailure(), trace.retryAfter()),
                        trace.toEntry().errorCode(), trace.toEntry().errorReason(),
                        context.deletionsAllowed() ? EscrowEntry.Kind.RELEASED_DELETE : EscrowEntry.Kind.RETRY)
                .invoke(entry -> {
                    if (Instant.now().isAfter(entry.firstFailure().plus(settings.maxAge()))) {
                        trace.reasonSuffix("This operation failed for longer than " + settings.maxAge()
                                + " and will not be retried again.");
                    } else {
                        trace.reasonSuffix("This operation was retried " + (entry.attempts() - 1)
                                + " times. It will be retried again after this date: " + entry.nextAttempt());
                    }
                })
                .call(entry -> Instant.now().isAfter(entry.firstFailure().plus(settings.maxAge()))
                        ? escrow.drop(jobId, key) : Uni.createFrom().voidItem())
                .replaceWithVoid();
    }

    /** Changes of the job whose retry is due, oldest first, with their events. */
    public Uni<List<DueChange>> due(JobContext context, int limit) {
        return escrow.due(context.job().id(), Instant.now(), limit)
                .map(entries -> entries.stream().map(entry -> new DueChange(AssignmentEventCodec.decode(
                        entry.event().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        entry.kind() == EscrowEntry.Kind.RELEASED_DELETE)).toList());
    }

    /** Retries every failed change of the job at its next escrow check, instead of on its schedule. */
    public Uni<Void> retryAllNow(UUID jobId) {
        return escrow.retryNow(jobId, Instant.now()).replaceWithVoid();
    }

    /** Changes waiting for a retry. */
    public Uni<Long> count(UUID jobId) {
        return escrow.count(jobId);
    }

    /** Disables and deletes held by the deletion guard. */
    public Uni<Long> countStaged(UUID jobId) {
        return escrow.countStaged(jobId);
    }

    /**
     * A change whose retry is due.
     *
     * @param deletionsAllowed an administrator allowed it past the deletion guard
     */
    public record DueChange(AssignmentEvent event, boolean deletionsAllowed) {
    }
}
