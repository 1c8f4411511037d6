package io.scimitar.provisioner.drift;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Starts the scheduled reconciliations: every {@code schedule-check-interval} it claims the schedules that are due
 * and starts each one's reconciliation (a job with one still running skips that turn).
 */
@ApplicationScoped
public class ReconciliationScheduler {

    private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class);

    private final ScheduleRepository schedules;
    private final ReconciliationRunner runner;
    private final JobLookup jobs;
    private final DriftSettings settings;
    private final Vertx vertx;
    private long timer = -1;

    public ReconciliationScheduler(ScheduleRepository schedules, ReconciliationRunner runner, JobLookup jobs,
            DriftSettings settings, Vertx vertx) {
        this.schedules = schedules;
        this.runner = runner;
        this.jobs = jobs;
        this.settings = settings;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.scheduleCheckInterval().toMillis(), id -> runDue());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** On a duplicated context of its own, as a request has: the job lookup (Hibernate Reactive) needs one. */
    private void runDue() {
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext()).runOnContext(ignored -> {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            startDue().subscribe().with(done -> { }, failure -> LOG.warnf(
                    "Reconciliation schedules could not be read: %s", failure.getMessage()));
        });
    }

    private Uni<Void> startDue() {
        return schedules.claimDue(Instant.now())
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndConcatenate(due -> jobs.definition(due.jobId())
                        .chain(job -> runner.start(job, due.schedule().mode(), due.schedule().policies(), "schedule"))
                        .onFailure().recoverWithItem(failure -> {
                            if (!(failure instanceof ProblemException problem) || problem.status() != 409) {
                                LOG.warnf("Job %s: the scheduled reconciliation did not start: %s", due.jobId(),
                                        failure.getMessage());
                            }
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }
}
