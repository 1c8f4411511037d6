package io.scimitar.provisioner.job;

import io.scimitar.provisioner.consumer.JobProgress;
import io.scimitar.provisioner.consumer.JobProgress.ObjectCounts;
import io.scimitar.provisioner.consumer.JobRunnerRegistry;
import io.scimitar.provisioner.consumer.ObjectCounter;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.progress.JobStatisticsRepository;
import io.scimitar.provisioner.progress.ObjectsDone;
import io.scimitar.provisioner.progress.SlidingRate;
import io.scimitar.provisioner.progress.SourceScope;
import io.scimitar.provisioner.progress.SourceScope.ObjectsInScope;
import io.scimitar.provisioner.progress.TimeLeft;
import io.scimitar.provisioner.progress.TopicBacklog;
import io.scimitar.provisioner.progress.TopicBacklog.Backlog;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.ratelimit.RateLimiters;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a job's progress together from real figures: the topic's end offsets against the job's committed position
 * (Kafka), the objects in scope (assignment-service), the objects the job decided and its statistics to date
 * (PostgreSQL), and the current run's counts and rates (memory). Answers also for a job that is paused or not running
 * on this instance.
 */
@ApplicationScoped
public class JobProgressReporter {

    private final JobRunnerRegistry runners;
    private final TopicBacklog backlog;
    private final SourceScope scope;
    private final JobStatisticsRepository statistics;
    private final ObjectsDone objectsDone;
    private final ObjectCounter counter;
    private final RateLimiters rateLimiters;
    private final QuarantineKeeper quarantine;
    private final TargetIndexes indexes;

    public JobProgressReporter(JobRunnerRegistry runners, TopicBacklog backlog, SourceScope scope,
            JobStatisticsRepository statistics, ObjectsDone objectsDone, ObjectCounter counter,
            RateLimiters rateLimiters, QuarantineKeeper quarantine, TargetIndexes indexes) {
        this.objectsDone = objectsDone;
        this.indexes = indexes;
        this.runners = runners;
        this.backlog = backlog;
        this.scope = scope;
        this.statistics = statistics;
        this.counter = counter;
        this.rateLimiters = rateLimiters;
        this.quarantine = quarantine;
    }

    public Uni<ProgressResponse> report(JobDefinition job) {
        Optional<JobProgress> progress = runners.progress(job.id());
        return Uni.combine().all().unis(backlog.of(job.id()), scope.of(job), statistics.of(job.id())).asTuple()
                .chain(read -> report(job, progress, read.getItem1(), read.getItem2(), read.getItem3()));
    }

    /** The counts over the job's links, reused longer while events are behind, then the answer. */
    private Uni<ProgressResponse> report(JobDefinition job, Optional<JobProgress> progress, Optional<Backlog> behind,
            Optional<ObjectsInScope> inScope, List<JobStatisticsRepository.Counted> counted) {
        boolean eventsBehind = behind.filter(b -> b.eventsBehind() > 0).isPresent();
        return Uni.combine().all().unis(objectsDone.of(job.id(), eventsBehind, inScope),
                        counter.current(job.id(), eventsBehind))
                .with((decided, objects) -> {
                    boolean nothingBehind = behind.filter(b -> b.eventsBehind() == 0).isPresent();
                    boolean everyObjectDone = inScope.map(s -> decided >= s.total()).orElse(true);
                    progress.ifPresent(p -> {
                        if (nothingBehind) {
                            p.backlogSeen(0);
                        }
                        if ((nothingBehind || p.snapshot().caughtUp()) && everyObjectDone) {
                            p.synced();
                        }
                    });
                    return respond(job, progress.map(JobProgress::snapshot), behind, inScope, decided, counted,
                            objects);
                });
    }

    private ProgressResponse respond(JobDefinition job, Optional<JobProgress.Run> run, Optional<Backlog> backlog,
            Optional<ObjectsInScope> inScope, long decided, List<JobStatisticsRepository.Counted> counted,
            ObjectCounts objects) {
        Long behind = backlog.map(Backlog::eventsBehind).orElse(null);
        boolean moving = job.isOn() && run.map(JobProgress.Run::running).orElse(false);
        Long remainingObjects = inScope.map(s -> Math.max(0, s.total() - Math.min(decided, s.total()))).orElse(null);
        boolean synced = run.filter(JobProgress.Run::running).map(JobProgress.Run::synced)
                .orElse(behind != null && behind == 0 && (remainingObjects == null || remainingObjects == 0));
        String phase = !job.isOn() ? "PAUSED" : synced ? "INCREMENTAL" : "INITIAL_SYNC";
        boolean workRemains = behind == null || behind > 0 || objects.escrowed() > 0
                || (remainingObjects != null && remainingObjects > 0);
        double eventRate = run.map(JobProgress.Run::eventsPerSecond).orElse(0.0);
        double changeRate = run.map(JobProgress.Run::changesPerSecond).orElse(0.0);

        Long secondsLeft;
        String basis;
        if (!workRemains) {
            secondsLeft = 0L;
            basis = "EVENTS_BEHIND";
        } else if (!moving) {
            secondsLeft = null; // paused or stopped: nothing moves, so no time can be told
            basis = null;
        } else if ("INITIAL_SYNC".equals(phase) && remainingObjects != null && remainingObjects > 0) {
            secondsLeft = TimeLeft.estimate(remainingObjects, changeRate);
            basis = secondsLeft == null ? null : "OBJECTS_IN_SCOPE";
        } else if (behind != null && behind > 0) {
            secondsLeft = TimeLeft.estimate(behind, eventRate);
            basis = secondsLeft == null ? null : "EVENTS_BEHIND";
        } else {
            secondsLeft = null; // only retries waiting in escrow (or a total the job has not reached): unknown
            basis = null;
        }

        // the source's count is reused for a few seconds, so objects just assigned can be done before it counts them
        long done = inScope.map(s -> Math.min(decided, s.total())).orElse(decided);
        return new ProgressResponse(phase, run.map(JobProgress.Run::since).orElse(null), inScope.orElse(null),
                done, percent(inScope, decided, workRemains), behind,
                backlog.map(Backlog::partitions).orElse(List.of()),
                run.map(JobProgress.Run::changes).orElse(0L), run.map(JobProgress.Run::events).orElse(0L),
                run.map(JobProgress.Run::alreadyApplied).orElse(0L), run.map(JobProgress.Run::deferred).orElse(0L),
                run.map(JobProgress.Run::unreadableEvents).orElse(0L),
                run.map(JobProgress.Run::byAction).orElse(Map.of()),
                run.map(JobProgress.Run::byStatus).orElse(Map.of()), SlidingRate.WINDOW.toSeconds(), eventRate,
                changeRate, secondsLeft, basis, run.map(JobProgress.Run::lastEventAt).orElse(null),
                statistics(counted), objects.activeUsers(), objects.activeGroups(), objects.escrowed(),
                objects.stagedDeletions(), objects.countedAt(),
                rateLimiters.current(job.id()).map(TargetRateLimiter::status).orElse(List.of()),
                rateLimiters.current(job.id()).map(TargetRateLimiter::share).orElse(null),
                quarantine.current(job.id()).orElse(null), indexes.progress(job.id()));
    }

    /** Objects done out of objects in scope, to a tenth; never 100 while work remains, 100 once none does. */
    static Double percent(Optional<ObjectsInScope> inScope, long decided, boolean workRemains) {
        if (inScope.isEmpty()) {
            return null;
        }
        long total = inScope.get().total();
        if (!workRemains) {
            return 100.0;
        }
        if (total == 0) {
            return 0.0;
        }
        double percent = Math.floor(1000.0 * Math.min(decided, total) / total) / 10.0;
        return Math.min(percent, 99.9);
    }

    private static ProgressResponse.Statistics statistics(List<JobStatisticsRepository.Counted> counted) {
        Map<String, Long> byAction = new LinkedHashMap<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ProvisioningAction action : ProvisioningAction.values()) {
            byAction.put(action.name().toLowerCase(), 0L);
        }
        for (ProvisioningStatus status : ProvisioningStatus.values()) {
            byStatus.put(status.name().toLowerCase(), 0L);
        }
        long changes = 0;
        long alreadyApplied = 0;
        Instant since = null;
        Instant last = null;
        for (JobStatisticsRepository.Counted row : counted) {
            changes += row.changes();
            since = since == null || row.firstAt().isBefore(since) ? row.firstAt() : since;
            last = last == null || row.lastAt().isAfter(last) ? row.lastAt() : last;
            if (JobStatisticsRepository.ALREADY_APPLIED.equals(row.action())) {
                alreadyApplied += row.changes();
                continue;
            }
            if ("SUCCESS".equals(row.status()) || "WARNING".equals(row.status())) {
                byAction.merge(row.action().toLowerCase(), row.changes(), Long::sum);
            }
            byStatus.merge(row.status().toLowerCase(), row.changes(), Long::sum);
        }
        return new ProgressResponse.Statistics(since, last, changes, alreadyApplied, byAction, byStatus);
    }
}
