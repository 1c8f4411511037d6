package io.scimitar.provisioner.deletions;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.DeletionQuarantine;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Entra's "prevent accidental deletions", for a stream: every disable and delete first waits in a settle window
 * until its burst is over, and goes out with it when the burst, plus what the guard let out within the counting
 * window, stays within the job's threshold; the one that passes the threshold trips the guard, which then holds all of
 * them, from the first, and every later one, quarantines the job (TooManyDeletes) and emails once, until an
 * administrator allows or rejects them. Its count and what it keeps are stored, so restarts change nothing.
 */
@ApplicationScoped
public class DeletionGuard {

    private static final String SETTLING_CODE = "DeletionSettling";

    private final DeletionGuardRepository repository;
    private final DeletionQuarantine quarantine;
    private final DeletionGuardSettings settings;

    public DeletionGuard(DeletionGuardRepository repository, DeletionQuarantine quarantine,
            DeletionGuardSettings settings) {
        this.repository = repository;
        this.quarantine = quarantine;
        this.settings = settings;
    }

    /**
     * Sends a disable or delete through {@code send} when the guard lets it out now (an administrator allowed it,
     * or its settle window released it); otherwise answers it as kept by the guard, logged as
     * {@link ProvisioningAction#STAGED_DELETE}: settling, held, or rejected.
     */
    public Uni<ChangeOutcome> guard(JobContext context, AssignmentEvent event, ChangeTrace trace, String what,
            Supplier<Uni<ChangeOutcome>> send) {
        JobDefinition job = context.job();
        if (context.deletionsAllowed() || job.deletionThreshold() <= 0) {
            return send.get();
        }
        GuardedDeletion deletion = GuardedDeletion.of(job.id(), event, trace.action(), trace.targetId());
        String held = heldReason(job, what);
        return repository.admit(deletion, job.deletionThreshold(), settings.countingWindow(), held)
                .chain(admission -> switch (admission.verdict()) {
                    case SEND -> send.get();
                    case SETTLING -> kept(trace, SETTLING_CODE, "The " + what + " waits until its burst of "
                            + "disables and deletes is over (none for the job's settle window, "
                            + settings.settleWindow().toSeconds() + " s by default), then goes out with it unless "
                            + "they are more than " + job.deletionThreshold() + " (" + admission.counted()
                            + " counted so far)");
                    case HELD -> kept(trace, "TooManyDeletes", held);
                    case REJECTED -> kept(trace, "DeletionRejected", "The " + what + " was rejected by an "
                            + "administrator and is not sent");
                    case TRIPPED -> quarantine.enter(job, admission.counted()
                                    + " disables and deletes came together, more than the threshold of "
                                    + job.deletionThreshold() + "; all of them are held, none was sent")
                            .chain(() -> kept(trace, "TooManyDeletes", held));
                });
    }

    /**
     * Whether {@code trace} is a disable or delete still settling: it is not logged (it is in escrow, listed by
     * {@code GET /jobs/{id}/staged-deletions}); its entry is written when it goes out, or when the guard holds it.
     */
    public static boolean settling(ChangeTrace trace) {
        return trace.action() == ProvisioningAction.STAGED_DELETE
                && SETTLING_CODE.equals(trace.toEntry().errorCode());
    }

    private String heldReason(JobDefinition job, String what) {
        return "The " + what + " is held: more than " + job.deletionThreshold() + " disables and deletes came "
                + "together. Allow them (POST /api/v1/jobs/" + job.id() + "/staged-deletions/allow) or reject them "
                + "(POST /api/v1/jobs/" + job.id() + "/staged-deletions/reject); restarts neither send nor drop them.";
    }

    private static Uni<ChangeOutcome> kept(ChangeTrace trace, String code, String reason) {
        return Uni.createFrom().item(ChangeOutcome.of(trace.action(ProvisioningAction.STAGED_DELETE)
                .skipped(code, reason)));
    }
}
