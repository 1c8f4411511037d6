package io.scimitar.provisioner.ratelimit;

import io.scimitar.provisioner.observability.ProvisionerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link TargetRateLimiter} per job, shared by everything that calls the job's target (the running job, provision
 * on demand), so that together they stay within the target's budgets.
 */
@ApplicationScoped
public class RateLimiters {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scimitar-rate-limits");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, TargetRateLimiter> byJob = new ConcurrentHashMap<>();
    private final ProvisionerMetrics metrics;

    public RateLimiters(ProvisionerMetrics metrics) {
        this.metrics = metrics;
    }

    /** The job's limiter; a new one when the job's policy changed. */
    public TargetRateLimiter forJob(UUID jobId, RateLimitPolicy policy) {
        TargetRateLimiter limiter = byJob.compute(jobId, (id, current) -> current != null
                && current.policy().equals(policy) ? current
                : new TargetRateLimiter(policy, (task, delayNanos) -> timer.schedule(task, delayNanos,
                        TimeUnit.NANOSECONDS), System::nanoTime, nanos -> metrics.rateLimitWait(jobId, nanos)));
        policy.budgets().keySet().forEach(requestClass -> metrics.rateLimitShare(jobId, requestClass.name(),
                () -> current(jobId).map(current -> current.share().partitions().size()).orElse(0),
                () -> current(jobId).flatMap(current -> current.status().stream()
                        .filter(status -> status.requestClass() == requestClass).findFirst())
                        .map(status -> (Number) status.share()).orElse(Double.NaN)));
        return limiter;
    }

    public Optional<TargetRateLimiter> current(UUID jobId) {
        return Optional.ofNullable(byJob.get(jobId));
    }

    public void forget(UUID jobId) {
        byJob.remove(jobId);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
