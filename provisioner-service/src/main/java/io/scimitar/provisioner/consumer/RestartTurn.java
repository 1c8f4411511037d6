package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A job's turn in the restarts requested through any instance ({@link PendingRestart}): taken before the instance
 * consumes, and again when it finds one requested while consuming (after leaving the job's consumer group). Exactly
 * one instance at a time, the one holding the job's restart lock ({@link RestartRequests#tryLock}), commits the
 * markers ({@link RestartMarking}, which waits until no instance is left in the group) and carries the replay out;
 * the others wait until the restart is done, then consume. When the lock frees with the restart not done (the
 * instance carrying it out crashed, or stopped the job), a waiting instance takes it over from the stage its markers
 * record.
 */
@ApplicationScoped
public class RestartTurn {

    private static final Logger LOG = Logger.getLogger(RestartTurn.class);

    /** How a turn ended. */
    enum Outcome {
        /** No restart was waiting. */
        NONE,
        /** The restarts waiting are carried out (here or elsewhere): the job consumes from where they ended. */
        CARRIED_OUT,
        /** The job was stopped first: the restart is carried out at its next start, here or elsewhere. */
        STOPPED
    }

    private final RestartRequests requests;
    private final RestartMarking marking;
    private final SharedStateSettings sharedState;
    private final Duration retryBackoff;

    public RestartTurn(RestartRequests requests, RestartMarking marking, SharedStateSettings sharedState,
            ConsumerSettings settings) {
        this.requests = requests;
        this.marking = marking;
        this.sharedState = sharedState;
        this.retryBackoff = settings.retryBackoff();
    }

    /** Whether a restart of the job waits to be carried out (false when the database cannot say now). */
    boolean requested(UUID jobId) {
        try {
            return requests.find(jobId).await().atMost(Duration.ofSeconds(10)).isPresent();
        } catch (RuntimeException e) {
            LOG.debugf("Job %s: could not look for a restart requested elsewhere (%s)", jobId, e.getMessage());
            return false;
        }
    }

    /**
     * Waits for the job's restarts to be carried out, carrying them out here when this instance gets the job's
     * restart lock ({@code replay} carries out the markers committed; false when the job stopped first).
     */
    Outcome take(RunningJob job, BooleanSupplier replay) {
        UUID jobId = job.context().job().id();
        boolean seen = false;
        boolean waitingLogged = false;
        while (job.isRunning()) {
            try {
                Optional<PendingRestart> pending = requests.find(jobId).await().indefinitely();
                if (pending.isEmpty()) {
                    return seen ? Outcome.CARRIED_OUT : Outcome.NONE;
                }
                seen = true;
                Optional<SqlConnection> lock = requests.tryLock(jobId).await().indefinitely();
                if (lock.isEmpty()) {
                    if (!waitingLogged) {
                        LOG.infof("Job %s: another instance carries out its restart; this one waits outside the "
                                + "job's consumer group until it is done", jobId);
                        waitingLogged = true;
                    }
                    sleep(sharedState.interval());
                    continue;
                }
                try {
                    Optional<PendingRestart> current = requests.find(jobId).await().indefinitely();
                    if (current.isPresent() && !carryOut(job, current.get(), replay)) {
                        return Outcome.STOPPED;
                    }
                } finally {
                    unlock(lock.get(), jobId);
                }
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("Job %s: its restart could not go on (%s); trying again in %s", jobId, e.getMessage(),
                        retryBackoff);
                sleep(retryBackoff);
            }
        }
        return Outcome.STOPPED;
    }

    /** Carries out the restart holding its lock; false when the job stopped first. */
    private boolean carryOut(RunningJob job, PendingRestart restart, BooleanSupplier replay) {
        UUID jobId = restart.jobId();
        LOG.infof("Job %s: this instance carries out the restart requested at %s%s", jobId, restart.requestedAt(),
                restart.marked() ? ", from the stage its markers record (taken over)" : "");
        if (restart.full() && job.targetReadBefore(restart.requestedAt())) {
            // the links are checked against the target as it is since the request, not as read before it
            job.readTargetAgain();
        }
        if (!restart.marked()) {
            if (!marking.mark(restart, job::isRunning)) {
                return false;
            }
            requests.marked(restart).await().indefinitely();
        }
        if (!replay.getAsBoolean()) {
            return false;
        }
        if (!requests.done(restart).await().indefinitely()) {
            LOG.infof("Job %s: another restart was requested meanwhile; it is carried out next", jobId);
        }
        return true;
    }

    private void unlock(SqlConnection connection, UUID jobId) {
        try {
            requests.unlock(connection, jobId).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: freeing its restart lock failed (%s); it frees when the connection closes", jobId,
                    e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
