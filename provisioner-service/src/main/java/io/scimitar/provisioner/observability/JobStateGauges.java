package io.scimitar.provisioner.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * The per-job gauges that come from the database: {@code scimitar_provisioner_escrow_changes} (changes waiting for a
 * retry), {@code scimitar_provisioner_staged_deletions} (disables and deletes held by the deletion guard) and
 * {@code scimitar_provisioner_job_quarantined} (1 while quarantined), and {@code scimitar_provisioner_jobs}. One statement counts every job at once, and its
 * figures are reused for {@link MetricsSettings#stateMaxAge()}: a scrape reads the last figures and, when they are
 * older, starts a new count in the background, so scrapes never wait for the database or add to its load.
 */
@ApplicationScoped
public class JobStateGauges {

    private static final Logger LOG = Logger.getLogger(JobStateGauges.class);
    private static final String COUNT = """
            select j.id,
                   (select count(*) from escrow e where e.job_id = j.id and e.kind <> 'STAGED_DELETE'),
                   (select count(*) from escrow e where e.job_id = j.id and e.kind = 'STAGED_DELETE'),
                   exists (select 1 from job_quarantine q where q.job_id = j.id)
            from provisioning_job j""";

    private final MeterRegistry registry;
    private final Pool database;
    private final long maxAgeNanos;
    private final Map<UUID, JobState> states = new ConcurrentHashMap<>();
    private final Set<UUID> registered = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile long countedAt = System.nanoTime() - Long.MAX_VALUE / 2;

    public JobStateGauges(MeterRegistry registry, Pool database, MetricsSettings settings) {
        this.registry = registry;
        this.database = database;
        this.maxAgeNanos = settings.stateMaxAge().toNanos();
    }

    void countAtStart(@Observes StartupEvent event) {
        // read on every scrape, so that a job created since the last count gets its gauges at the next one
        Gauge.builder("scimitar.provisioner.jobs", this, gauges -> gauges.jobs())
                .description("Provisioning jobs defined (as last counted)")
                .register(registry);
        refreshIfOld();
    }

    private double jobs() {
        refreshIfOld();
        return states.size();
    }

    /** The job's figures as last counted (zeros before the first count, or once the job is gone). */
    JobState state(UUID jobId) {
        refreshIfOld();
        return states.getOrDefault(jobId, JobState.NONE);
    }

    private void refreshIfOld() {
        if (System.nanoTime() - countedAt < maxAgeNanos || !counting.compareAndSet(false, true)) {
            return;
        }
        database.query(COUNT).execute().subscribe().with(rows -> {
            Set<UUID> seen = ConcurrentHashMap.newKeySet();
            for (Row row : rows) {
                UUID job = row.getUUID(0);
                seen.add(job);
                states.put(job, new JobState(row.getLong(1), row.getLong(2), row.getBoolean(3)));
                register(job);
            }
            states.keySet().retainAll(seen);
            countedAt = System.nanoTime();
            counting.set(false);
        }, failure -> {
            LOG.debugf("Counting the jobs' escrow and quarantine for the metrics failed: %s", failure.getMessage());
            counting.set(false);
        });
    }

    private void register(UUID job) {
        if (!registered.add(job)) {
            return;
        }
        gauge("scimitar.provisioner.escrow.changes", job, state -> state.escrowed(),
                "Changes of the job waiting in escrow for a retry");
        gauge("scimitar.provisioner.staged.deletions", job, state -> state.stagedDeletions(),
                "Disables and deletes of the job held by the deletion guard until an admin allows or rejects them");
        gauge("scimitar.provisioner.job.quarantined", job, state -> state.quarantined() ? 1 : 0,
                "1 while the job is quarantined (its target rejects it or too many of its changes fail), else 0");
    }

    private void gauge(String name, UUID job, ToDoubleFunction<JobState> value, String description) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.state(job)))
                .description(description)
                .tag("job", job.toString())
                .register(registry);
    }

    /** One job's figures. */
    record JobState(long escrowed, long stagedDeletions, boolean quarantined) {
        static final JobState NONE = new JobState(0, 0, false);
    }
}
