package io.scimitar.provisioner.replay;

import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.consumer.ObjectCounter;
import io.scimitar.provisioner.consumer.RestartMarker;
import io.scimitar.provisioner.consumer.PendingRestart;
import io.scimitar.provisioner.consumer.RestartMarking;
import io.scimitar.provisioner.consumer.RestartRequests;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Restarts a job, whichever instance took the request: records it in PostgreSQL ({@code consumer.RestartRequests}),
 * stops the job here and runs it again. Every instance running the job then leaves its consumer group (each finds the
 * request within {@code scimitar.provisioner.shared-state.interval}), and exactly one of them ({@code
 * consumer.RestartTurn}) leaves a {@link RestartMarker} in the group's committed offsets (the history to replay: from
 * the beginning, or from a time, or from where the job had read if that is earlier, up to the topic's end then) and
 * applies each object's newest state of that history once (the compacted view, {@code consumer.RestartReplay}); then
 * they all consume from the end. Links are never forgotten: they keep the newest version
 * applied, so no older state is ever sent; every link is marked for its newest event to be evaluated again, and a full
 * restart also checks them against the target the job reads at its start. As in Entra, a restart also clears the
 * escrowed retries and the quarantine, and drops the deletions held by the deletion guard unless told to send them
 * (ForceDeletes); a replay from a time keeps what is escrowed.
 */
@ApplicationScoped
public class JobRestarter {

    private final JobRunnerRegistry runners;
    private final LinkRepository links;
    /** How long marking a paused job's restart waits for instances that have not followed the pause yet. */
    private static final Duration PAUSED_MARKING_WAIT = Duration.ofSeconds(15);

    private final RestartRequests requests;
    private final RestartMarking marking;
    private final EscrowRepository escrow;
    private final QuarantineKeeper quarantine;
    private final ObjectCounter counter;

    public JobRestarter(JobRunnerRegistry runners, LinkRepository links, RestartRequests requests,
            RestartMarking marking, EscrowRepository escrow, QuarantineKeeper quarantine, ObjectCounter counter) {
        this.marking = marking;
        this.counter = counter;
        this.escrow = escrow;
        this.quarantine = quarantine;
        this.runners = runners;
        this.links = links;
        this.requests = requests;
    }

    public Uni<Void> restart(JobDefinition job, RestartRequest request) {
        return runners.stopLater(job.id())
                .chain(() -> requests.request(job.id(), request.from(), request.full(), request.forceDeletes()))
                .chain(pending -> job.isOn() ? Uni.createFrom().voidItem() : markWhilePaused(pending))
                .chain(() -> links.markForReevaluation(job.id()).replaceWithVoid())
                .chain(() -> clearEscrowAndQuarantine(job, request))
                .invoke(() -> counter.forget(job.id()))
                .call(() -> runners.runLater(job));
    }

    /**
     * A paused job's restart is marked at once, so that its markers wait in the consumer group for its next start (no
     * instance consumes it, unless one has not followed the pause yet: then the instance that next starts it marks).
     */
    private Uni<Void> markWhilePaused(PendingRestart pending) {
        long deadline = System.nanoTime() + PAUSED_MARKING_WAIT.toNanos();
        return Uni.createFrom().item(() -> marking.mark(pending, () -> System.nanoTime() < deadline))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(marked -> marked ? requests.marked(pending) : Uni.createFrom().voidItem());
    }

    /**
     * A replay of the whole history decides every object again, so the escrowed retries can go; a replay from a time
     * keeps them, as their events may be older than that time. What the deletion guard keeps stays either way.
     */
    private Uni<Void> clearEscrowAndQuarantine(JobDefinition job, RestartRequest request) {
        Uni<Integer> released = request.forceDeletes() ? escrow.release(job.id(), Instant.now())
                : Uni.createFrom().item(0);
        boolean wholeHistory = request.from() == null;
        return released
                .chain(() -> !wholeHistory ? Uni.createFrom().item(0)
                        : request.forceDeletes() ? escrow.clearRetries(job.id()) : escrow.clear(job.id()))
                .chain(() -> wholeHistory || request.forceDeletes() ? quarantine.leave(job.id(), null)
                        : quarantine.leave(job.id(), QuarantineReason.EncounteredQuarantineException)
                                .chain(() -> quarantine.leave(job.id(),
                                        QuarantineReason.EncounteredEscrowProportionThreshold)))
                .replaceWithVoid();
    }
}
