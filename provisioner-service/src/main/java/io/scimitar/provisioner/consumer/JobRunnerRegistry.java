package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.targetindex.IndexRefresh;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import io.quarkus.runtime.ShutdownEvent;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.scim.ScimClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The running jobs of this instance: one {@link RunningJob}, read by the {@link JobConsumer}, per job that is on. */
@ApplicationScoped
public class JobRunnerRegistry {

    private static final Logger LOG = Logger.getLogger(JobRunnerRegistry.class);

    private final Map<UUID, RunningJob> runners = new ConcurrentHashMap<>();
    private final Map<UUID, JobProgress> progress = new ConcurrentHashMap<>();
    /** The version of each job's definition this instance last ran or stopped by, to follow only newer ones. */
    private final Map<UUID, Long> followed = new ConcurrentHashMap<>();
    /** The running jobs the previous {@link #follow} did not find stored. */
    private Set<UUID> missedLastTime = Set.of();
    private final JobConsumer consumer;
    private final ScimClientFactory scimClients;
    private final EvaluationSettings evaluation;
    private final TargetIndexReader targetIndex;
    private final TargetIndexes targetIndexes;

    public JobRunnerRegistry(JobConsumer consumer, ScimClientFactory scimClients, EvaluationSettings evaluation,
            TargetIndexReader targetIndex, TargetIndexes targetIndexes) {
        this.consumer = consumer;
        this.targetIndex = targetIndex;
        this.targetIndexes = targetIndexes;
        this.scimClients = scimClients;
        this.evaluation = evaluation;
    }

    /**
     * Runs {@code job} from its committed position (stopping the runner of its previous definition first); it reads
     * its target into the target index before it consumes.
     */
    public synchronized void run(JobDefinition job) {
        run(job, IndexRefresh.ALWAYS);
    }

    /**
     * Runs {@code job} after the provisioner restarted: as {@link #run}, keeping the target index stored before
     * when it is complete.
     */
    public synchronized void resume(JobDefinition job) {
        run(job, IndexRefresh.IF_MISSING);
    }

    private void run(JobDefinition job, IndexRefresh indexRefresh) {
        stop(job.id());
        followed.merge(job.id(), job.version(), Math::max);
        if (!job.isOn()) {
            return;
        }
        JobContext context = JobContext.of(job, scimClients.forJob(job.id(), job.tenantUrl(), job.secretToken(),
                job.rateLimits()),
                UUID.randomUUID(), evaluation.budget());
        JobProgress jobProgress = new JobProgress();
        RunningJob runner = consumer.prepare(context, jobProgress);
        // read the target into the target index before consuming, on the job's thread
        runner.beforeConsuming(running -> targetIndex.readAtStart(job, context.scim(), indexRefresh, running));
        runner.whenReadingTargetAgain(running -> targetIndex.readAtStart(job, context.scim(), IndexRefresh.ALWAYS,
                running));
        progress.put(job.id(), jobProgress);
        runners.put(job.id(), runner);
        runner.start();
        LOG.infof("Job %s (%s) is running, cycle %s", job.id(), job.name(), context.cycleId());
    }

    public synchronized void stop(UUID jobId) {
        RunningJob runner = runners.remove(jobId);
        targetIndexes.forget(jobId);
        if (runner != null) {
            runner.stop();
            Optional.ofNullable(progress.get(jobId)).ifPresent(JobProgress::stopped);
            LOG.infof("Job %s stopped", jobId);
        }
    }

    /**
     * Brings this instance's runners in line with the stored jobs, which another instance may have created, changed,
     * paused or deleted through its API: a job whose stored version is newer than the one this instance last ran or
     * stopped by is run as stored (keeping a complete target index, which the instance that took the change read
     * again), and a job that two reads in a row do not find stored is stopped. A version read before a change this
     * instance made itself is not newer than it, so a read that raced with a local change does nothing.
     */
    public synchronized void follow(List<JobDefinition> stored) {
        Set<UUID> present = new HashSet<>();
        for (JobDefinition job : stored) {
            present.add(job.id());
            if (job.version() > followed.getOrDefault(job.id(), -1L)) {
                LOG.infof("Job %s (%s) changed to version %d elsewhere: %s", job.id(), job.name(), job.version(),
                        job.isOn() ? "running it as stored" : "stopping it");
                run(job, IndexRefresh.IF_MISSING);
            }
        }
        // a job this instance has just created runs before its transaction commits: a read may not see it yet, so
        // a job is taken for deleted only when two reads in a row miss it
        Set<UUID> missing = new HashSet<>();
        for (UUID id : List.copyOf(runners.keySet())) {
            if (present.contains(id)) {
                continue;
            }
            if (missedLastTime.contains(id)) {
                LOG.infof("Job %s was deleted elsewhere: stopping it", id);
                stop(id);
            } else {
                missing.add(id);
            }
        }
        missedLastTime = missing;
    }

    /**
     * {@link #run} on a worker thread: stopping a runner waits for its batch, which may need the event loop, so
     * callers on the event loop (REST, database callbacks) must never do it there.
     */
    public io.smallrye.mutiny.Uni<Void> runLater(JobDefinition job) {
        return onWorker(() -> run(job));
    }

    /** {@link #stop} on a worker thread, for the same reason as {@link #runLater}. */
    public io.smallrye.mutiny.Uni<Void> stopLater(UUID jobId) {
        return onWorker(() -> stop(jobId));
    }

    /** Runs {@code action} on a worker thread and continues on the caller's Vert.x context (its session lives there). */
    private static io.smallrye.mutiny.Uni<Void> onWorker(Runnable action) {
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        io.smallrye.mutiny.Uni<Void> work = io.smallrye.mutiny.Uni.createFrom().item(() -> {
            action.run();
            return (Void) null;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
        return caller == null ? work : work.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** The progress of the job's latest run on this instance (still going, or ended by a pause or a stop). */
    public Optional<JobProgress> progress(UUID jobId) {
        return Optional.ofNullable(progress.get(jobId));
    }

    public Optional<UUID> cycleId(UUID jobId) {
        return Optional.ofNullable(runners.get(jobId)).map(runner -> runner.context().cycleId());
    }

    void stopAll(@Observes ShutdownEvent shutdown) {
        runners.keySet().forEach(this::stop);
    }
}
