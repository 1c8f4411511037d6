package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.escrow.EscrowSettings;
import io.scimitar.provisioner.job.JobDefinition;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.provisioning.BatchWriter;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.scimitar.provisioner.provisioning.JobContext;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineSettings;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The running jobs of this instance: one {@link JobRunner} per job that is on. */
@ApplicationScoped
public class JobRunnerRegistry {

    private static final Logger LOG = Logger.getLogger(JobRunnerRegistry.class);

    private final Map<UUID, JobRunner> runners = new ConcurrentHashMap<>();
    private final Map<UUID, JobProgress> progress = new ConcurrentHashMap<>();
    private final EventDispatcher dispatcher;
    private final BatchWriter batchWriter;
    private final MembershipSynchronizer memberships;
    private final ProvisioningLogRepository log;
    private final DeadLetterPublisher deadLetters;
    private final EscrowKeeper escrow;
    private final EscrowSettings escrowSettings;
    private final ScimClientFactory scimClients;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final QuarantineKeeper quarantine;
    private final QuarantineSettings quarantineSettings;
    private final EvaluationSettings evaluation;

    public JobRunnerRegistry(EventDispatcher dispatcher, BatchWriter batchWriter,
            MembershipSynchronizer memberships, ProvisioningLogRepository log, DeadLetterPublisher deadLetters,
            EscrowKeeper escrow, EscrowSettings escrowSettings, ScimClientFactory scimClients,
            ConsumerSettings settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            QuarantineKeeper quarantine, QuarantineSettings quarantineSettings, EvaluationSettings evaluation) {
        this.evaluation = evaluation;
        this.batchWriter = batchWriter;
        this.quarantine = quarantine;
        this.quarantineSettings = quarantineSettings;
        this.escrow = escrow;
        this.escrowSettings = escrowSettings;
        this.dispatcher = dispatcher;
        this.memberships = memberships;
        this.log = log;
        this.deadLetters = deadLetters;
        this.scimClients = scimClients;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    /** Runs {@code job} from its committed position (stopping the runner of its previous definition first). */
    public synchronized void run(JobDefinition job) {
        stop(job.id());
        if (!job.isOn()) {
            return;
        }
        JobContext context = JobContext.of(job, scimClients.forJob(job.id(), job.tenantUrl(), job.secretToken(),
                job.rateLimits()),
                UUID.randomUUID(), evaluation.budget());
        JobProgress jobProgress = new JobProgress();
        JobRunner runner = new JobRunner(context, dispatcher, batchWriter, memberships, log, deadLetters, escrow,
                escrowSettings, settings, bootstrapServers, jobProgress, quarantine, quarantineSettings);
        progress.put(job.id(), jobProgress);
        runners.put(job.id(), runner);
        runner.start();
        LOG.infof("Job %s (%s) is running, cycle %s", job.id(), job.name(), context.cycleId());
    }

    public synchronized void stop(UUID jobId) {
        JobRunner runner = runners.remove(jobId);
        if (runner != null) {
            runner.stop();
            Optional.ofNullable(progress.get(jobId)).ifPresent(JobProgress::stopped);
            LOG.infof("Job %s stopped", jobId);
        }
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

    public Optional<JobProgress.Snapshot> progress(UUID jobId) {
        return Optional.ofNullable(progress.get(jobId)).map(JobProgress::snapshot);
    }

    public Optional<UUID> cycleId(UUID jobId) {
        return Optional.ofNullable(runners.get(jobId)).map(runner -> runner.context().cycleId());
    }

    void stopAll(@Observes ShutdownEvent shutdown) {
        runners.keySet().forEach(this::stop);
    }
}
