package io.scimitar.provisioner.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The provisioner's per-job Prometheus meters ({@code /q/metrics}), all tagged {@code job} (one series per job, never
 * per object): events consumed, consumer lag, SCIM requests by operation and status class, change-to-applied latency,
 * time spent waiting for rate-limit budget. Kept in memory, so a scrape costs nothing.
 */
@ApplicationScoped
public class ProvisionerMetrics {

    /** The latency histogram's buckets: from a live change (under a second) to a full sync of a large directory. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(6)};

    private final MeterRegistry registry;
    private final Map<UUID, AtomicLong> lags = new ConcurrentHashMap<>();

    public ProvisionerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One event of the job read from the topic was processed and what it wrote is durable (applied, found already
     * applied, or put in escrow: the escrow's retries are not counted again).
     */
    public void eventConsumed(UUID jobId) {
        Counter.builder("scimitar.provisioner.events.consumed")
                .description("Events of the job read from the assignment topic and processed, their effect durable")
                .tag("job", jobId.toString())
                .register(registry).increment();
    }

    /** A change of the job reached the target (or needed nothing there) and what it wrote is durable. */
    public void changeApplied(UUID jobId, Instant occurredAt) {
        if (occurredAt != null) {
            Duration latency = Duration.between(occurredAt, Instant.now());
            Timer.builder("scimitar.provisioner.change.applied.latency")
                    .description("From the change in the directory (the event's timestamp) to its effect in the "
                            + "target being durable")
                    .tag("job", jobId.toString())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    /**
     * The job's consumer lag: the end offset of each partition it reads minus its committed position, summed.
     */
    public void lag(UUID jobId, long events) {
        lags.computeIfAbsent(jobId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("scimitar.provisioner.consumer.lag", value, AtomicLong::get)
                    .description("Events on the assignment topic the job has not committed yet (end offset minus "
                            + "committed position, summed over its partitions, the last value seen while it ran)")
                    .tag("job", id.toString())
                    .baseUnit("events")
                    .register(registry);
            return value;
        }).set(events);
    }

    /**
     * One SCIM request to the job's target answered ({@code status} 0: no answer: timeout, refused connection, TLS).
     *
     * @param operation the request class, e.g. {@code USERS_CREATE}
     */
    public void scimRequest(UUID jobId, String operation, int status) {
        Counter.builder("scimitar.provisioner.scim.requests")
                .description("SCIM requests sent to the job's target, by operation and status class (429 apart)")
                .tag("job", jobId.toString())
                .tag("operation", operation.toLowerCase(java.util.Locale.ROOT))
                .tag("status", statusClass(status))
                .register(registry).increment();
    }

    /** A SCIM request of the job waited this long for a slot in the target's rate-limit budget. */
    public void rateLimitWait(UUID jobId, long nanos) {
        Timer.builder("scimitar.provisioner.rate.limit.wait")
                .description("Time SCIM requests of the job waited for a slot in the target's rate-limit budget")
                .tag("job", jobId.toString())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Registers (once) the gauges of the job's rate-limit share on this instance: the partitions of the job's topic it
     * owns, and the requests per window of {@code requestClass} it may start; the suppliers read the current figures.
     */
    public void rateLimitShare(UUID jobId, String requestClass, Supplier<Number> ownedPartitions,
            Supplier<Number> share) {
        Gauge.builder("scimitar.provisioner.owned.partitions", ownedPartitions)
                .description("Partitions of the assignment topic this instance owns in the job's consumer group (0 "
                        + "while it does not consume the job: its rate-limit share is then the whole budget)")
                .tag("job", jobId.toString())
                .register(registry);
        Gauge.builder("scimitar.provisioner.rate.limit.share", share)
                .description("Requests per window of the class this instance may start: its partitions' share of "
                        + "the job's rate-limit budget")
                .tag("job", jobId.toString())
                .tag("operation", requestClass.toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    /** {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 429}, {@code 5xx}, or {@code none} when nothing answered. */
    static String statusClass(int status) {
        if (status == 429) {
            return "429";
        }
        if (status < 100 || status > 599) {
            return "none";
        }
        return (status / 100) + "xx";
    }
}
