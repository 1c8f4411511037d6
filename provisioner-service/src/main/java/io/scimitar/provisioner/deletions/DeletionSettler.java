package io.scimitar.provisioner.deletions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimitar.provisioner.pipeline.DeletionQuarantine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every second: sends the disables and deletes of settle windows that are over (they become due escrow entries, which
 * each job's thread applies), and ends the TooManyDeletes episodes whose cause is gone. Runs on every instance; the
 * database decides each window and episode once.
 */
@ApplicationScoped
public class DeletionSettler {

    private static final Logger LOG = Logger.getLogger(DeletionSettler.class);

    private final DeletionGuardRepository repository;
    private final DeletionQuarantine quarantine;
    private final DeletionGuardSettings settings;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public DeletionSettler(DeletionGuardRepository repository, DeletionQuarantine quarantine,
            DeletionGuardSettings settings, Vertx vertx) {
        this.repository = repository;
        this.quarantine = quarantine;
        this.settings = settings;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(settings.checkInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One look: settled windows out, ended episodes closed. */
    public Uni<Void> checkNow() {
        return repository.releaseSettled(settings.settleWindow(), settings.countingWindow())
                .invoke(jobs -> jobs.forEach(job -> LOG.debugf("Job %s: the deletion guard released a burst", job)))
                .chain(() -> repository.endSettledEpisodes(settings.countingWindow()))
                .chain(ended -> Multi.createFrom().iterable(ended).onItem()
                        .transformToUniAndConcatenate(this::episodeEnded).collect().asList())
                .replaceWithVoid();
    }

    private Uni<Boolean> episodeEnded(UUID job) {
        LOG.infof("Job %s: nothing is held or rejected by the deletion guard any more; its TooManyDeletes episode "
                + "ends", job);
        return quarantine.leave(job);
    }

    private void check() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        checkNow().subscribe().with(done -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("The deletion guard's check failed (%s); it runs again in %s", failure.getMessage(),
                    settings.checkInterval());
        });
    }
}
