package io.scimitar.provisioner.drift;

import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.observability.DriftMetrics;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts reconciliations (one at a time per job) on a thread of their own, keeps their progress and report in the
 * database as they go, and cancels them: a cancelled one stops after the page or fix in progress.
 */
@ApplicationScoped
public class ReconciliationRunner {

    private static final Logger LOG = Logger.getLogger(ReconciliationRunner.class);
    private static final int INSERT_CHUNK = 500;
    private static final long PROGRESS_EVERY_MS = 500;

    private final ReconciliationRepository repository;
    private final DriftDetector detector;
    private final DriftRepairer repairer;
    private final ScimClientFactory scimClients;
    private final JobRunnerRegistry runners;
    private final EvaluationSettings evaluation;
    private final DriftSettings settings;
    private final DriftMetrics metrics;
    private final Map<UUID, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "drift-reconciliation");
        thread.setDaemon(true);
        return thread;
    });

    public ReconciliationRunner(ReconciliationRepository repository, DriftDetector detector, DriftRepairer repairer,
            ScimClientFactory scimClients, JobRunnerRegistry runners, EvaluationSettings evaluation,
            DriftSettings settings, DriftMetrics metrics) {
        this.repository = repository;
        this.detector = detector;
        this.repairer = repairer;
        this.scimClients = scimClients;
        this.runners = runners;
        this.evaluation = evaluation;
        this.settings = settings;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        repository.abandonRunning().await().indefinitely();
    }

    void stop(@Observes ShutdownEvent event) {
        cancelled.values().forEach(flag -> flag.set(true));
        threads.shutdownNow();
    }

    /**
     * Starts a reconciliation of {@code job}; fails with 400 when its policies ask what the job's target cannot do, and
     * with 409 while another of the job is running.
     */
    public Uni<Reconciliation> start(JobDefinition job, ReconciliationMode mode, RepairPolicies policies,
            String trigger) {
        UUID id = UUID.randomUUID();
        ProblemException busy = ProblemException.conflict("A reconciliation of job " + job.id() + " is running; "
                + "cancel it or wait for it to finish");
        List<FieldError> refused = policies.violations(job);
        if (!refused.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(refused));
        }
        return repository.running(job.id()).chain(running -> {
            if (running) {
                throw busy;
            }
            // the partial unique index refuses a second running one started at the same moment
            return repository.begin(id, job.id(), mode, policies, trigger)
                    .onFailure(e -> !(e instanceof ProblemException)).transform(e -> busy);
        }).invoke(() -> {
            AtomicBoolean flag = new AtomicBoolean();
            cancelled.put(id, flag);
            threads.submit(() -> run(id, job, mode, policies, flag));
        }).chain(() -> repository.find(job.id(), id)).map(found -> found.orElseThrow());
    }

    /** Cancels a running reconciliation; answers false when it was not running. */
    public Uni<Boolean> cancel(UUID jobId, UUID id) {
        return repository.cancel(jobId, id).invoke(done -> {
            AtomicBoolean flag = cancelled.get(id);
            if (flag != null) {
                flag.set(true);
            }
        });
    }

    private void run(UUID id, JobDefinition job, ReconciliationMode mode, RepairPolicies policies,
            AtomicBoolean cancel) {
        DifferenceWriter report = new DifferenceWriter(repository, id, INSERT_CHUNK, settings.maxStoredDifferences());
        AtomicLong lastProgress = new AtomicLong();
        AtomicReference<String> lastPhase = new AtomicReference<>();
        ReconciliationStatus status = ReconciliationStatus.COMPLETED;
        String detail = null;
        Map<DriftKind, Integer> repaired = new EnumMap<>(DriftKind.class);
        try {
            ScimClient client = scimClients.forJob(job.id(), job.tenantUrl(), job.secretToken(), job.rateLimits());
            DriftDetector.Findings findings = detector.detect(job, client, () -> !cancel.get(),
                    (phase, users, groups) -> {
                        long now = System.currentTimeMillis();
                        if (!phase.equals(lastPhase.get()) || now - lastProgress.get() >= PROGRESS_EVERY_MS) {
                            lastProgress.set(now);
                            lastPhase.set(phase);
                            repository.progress(id, phase, users, groups).await().indefinitely();
                        }
                    }, report);
            report.flush();
            repository.progress(id, "compared", findings.usersRead(), findings.groupsRead()).await().indefinitely();
            if (mode == ReconciliationMode.REPAIR && report.stored() > 0 && !cancel.get()) {
                repository.progress(id, "repairing " + report.stored() + " difference(s)", findings.usersRead(),
                        findings.groupsRead()).await().indefinitely();
                UUID cycle = runners.cycleId(job.id()).orElseGet(UUID::randomUUID);
                JobContext context = JobContext.of(job, client, cycle, evaluation.budget());
                repaired = repairer.repair(context, new DriftRepairer.Report(id, policies, report.orphans("User"),
                        report.orphans("Group")), findings, () -> !cancel.get());
            }
            if (cancel.get()) {
                status = ReconciliationStatus.CANCELLED;
            }
            if (report.total() > report.stored()) {
                detail = "only the first " + report.stored() + " differences are kept";
            }
        } catch (CancellationException e) {
            status = ReconciliationStatus.CANCELLED;
        } catch (RuntimeException e) {
            status = ReconciliationStatus.FAILED;
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("Job %s: reconciliation %s failed: %s", job.id(), id, detail);
        } finally {
            cancelled.remove(id);
        }
        try {
            report.flush();
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: reconciliation %s could not store its last differences: %s", job.id(), id,
                    e.getMessage());
        }
        Map<DriftKind, Integer> found = report.found();
        found.forEach((kind, count) -> metrics.found(job.id(), kind.name(), count));
        repaired.forEach((kind, count) -> metrics.repaired(job.id(), kind.name(), count));
        try {
            repository.finish(id, status, found, repaired, detail).await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: reconciliation %s could not be recorded as finished: %s", job.id(), id,
                    e.getMessage());
        }
        LOG.infof("Job %s: reconciliation %s (%s) %s: found %s, repaired %s", job.id(), id, mode, status, found,
                repaired);
    }
}
