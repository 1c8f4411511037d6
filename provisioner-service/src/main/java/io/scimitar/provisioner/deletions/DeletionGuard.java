package io.scimitar.provisioner.deletions;

import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.scimitar.provisioner.quarantine.QuarantineSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Entra's "prevent accidental deletions": at most the job's deletion threshold of disables and deletes go out within
 * the counting window; past it, every disable and delete is held (staged in escrow) and the job is quarantined with
 * reason TooManyDeletes until an administrator allows them or restarts the job. Changes that are not deletions go on.
 */
@ApplicationScoped
public class DeletionGuard {

    private final QuarantineKeeper quarantine;
    private final Duration window;
    private final Map<UUID, ArrayDeque<Long>> admitted = new ConcurrentHashMap<>();

    public DeletionGuard(QuarantineKeeper quarantine, QuarantineSettings settings) {
        this.quarantine = quarantine;
        this.window = settings.deletionWindow();
    }

    /**
     * Sends a disable or delete through {@code send} if the guard lets it out, or answers it as staged: logged as
     * {@link ProvisioningAction#STAGED_DELETE} and kept in escrow until allowed.
     */
    public Uni<ChangeOutcome> guard(JobContext context, ChangeTrace trace, String what,
            Supplier<Uni<ChangeOutcome>> send) {
        return admit(context).chain(admit -> admit ? send.get() : Uni.createFrom().item(ChangeOutcome.of(
                trace.action(ProvisioningAction.STAGED_DELETE).skipped("TooManyDeletes", "The " + what
                        + " is held: more than " + context.job().deletionThreshold() + " disables and deletes came "
                        + "within " + window.toMinutes() + " minutes. Allow them (POST /api/v1/jobs/"
                        + context.job().id() + "/staged-deletions/allow) or restart the job to drop them."))));
    }

    /** Whether one more disable or delete may go out now; counts it if so. The first refusal quarantines the job. */
    public Uni<Boolean> admit(JobContext context) {
        JobDefinition job = context.job();
        if (context.deletionsAllowed() || job.deletionThreshold() <= 0) {
            return Uni.createFrom().item(true);
        }
        if (quarantine.isQuarantined(job.id(), QuarantineReason.TooManyDeletes)) {
            return Uni.createFrom().item(false);
        }
        ArrayDeque<Long> times = admitted.computeIfAbsent(job.id(), id -> new ArrayDeque<>());
        long now = System.nanoTime();
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
                times.pollFirst();
            }
            if (times.size() < job.deletionThreshold()) {
                times.addLast(now);
                return Uni.createFrom().item(true);
            }
        }
        return quarantine.enter(job, QuarantineReason.TooManyDeletes, "More than " + job.deletionThreshold()
                        + " disables and deletes within " + window.toMinutes() + " minutes; the rest are held.")
                .replaceWith(false);
    }

    /** Starts counting again, after an administrator allowed the held deletions or restarted the job. */
    public void reset(UUID jobId) {
        admitted.remove(jobId);
    }
}
