package io.scimitar.assignment.outbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.function.ToDoubleFunction;

/**
 * The outbox's Prometheus metrics ({@code /q/metrics}): gauges {@code scimitar_outbox_dead_letters},
 * {@code scimitar_outbox_backlog_rows}, {@code scimitar_outbox_oldest_row_age_seconds} (from the figures of
 * {@link OutboxStatistics}, at most {@code statistics-max-age} plus one scrape old), and the counters
 * {@code scimitar_outbox_relayed_events_total}, {@code scimitar_outbox_dead_lettered_rows_total} and
 * {@code scimitar_outbox_relay_wakeups_total} (by {@code cause}: {@code commit} when a commit in this process woke
 * the relay while this instance relays, {@code notification} when a commit's notification through PostgreSQL woke it,
 * {@code poll} when its poll interval ran out; only polls means commits are not waking it) of this instance.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final OutboxStatistics statistics;
    private final OutboxRelay relay;

    public OutboxMetrics(MeterRegistry registry, OutboxStatistics statistics, OutboxRelay relay) {
        this.registry = registry;
        this.statistics = statistics;
        this.relay = relay;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("scimitar.outbox.dead.letters", statistics, s -> s.latest().deadLetters())
                .description("Outbox rows the broker refused for good, waiting for an admin (retry or discard)")
                .register(registry);
        Gauge.builder("scimitar.outbox.backlog.rows", statistics, s -> s.latest().backlogRows())
                .description("Outbox rows waiting to be relayed to Kafka")
                .register(registry);
        Gauge.builder("scimitar.outbox.oldest.row.age", statistics, OutboxMetrics::oldestRowAge)
                .baseUnit("seconds")
                .description("Age of the oldest outbox row waiting to be relayed (0 when none)")
                .register(registry);
        FunctionCounter.builder("scimitar.outbox.relayed.events", relay, OutboxRelay::relayedCount)
                .description("Events this instance relayed to Kafka and the broker acknowledged")
                .register(registry);
        FunctionCounter.builder("scimitar.outbox.dead.lettered.rows", relay, OutboxRelay::deadLetteredCount)
                .description("Outbox rows this instance moved to the dead letters")
                .register(registry);
        wakeUps(registry, "commit", OutboxRelay::commitWakeUpCount);
        wakeUps(registry, "notification", OutboxRelay::notifiedWakeUpCount);
        wakeUps(registry, "poll", OutboxRelay::pollWakeUpCount);
    }

    private void wakeUps(MeterRegistry registry, String cause, ToDoubleFunction<OutboxRelay> count) {
        FunctionCounter.builder("scimitar.outbox.relay.wakeups", relay, count)
                .tag("cause", cause)
                .description("Times the idle relay was woken: by a commit in this process (commit), a notification"
                        + " through PostgreSQL (notification) or its poll interval (poll)")
                .register(registry);
    }

    private static double oldestRowAge(OutboxStatistics statistics) {
        Double age = statistics.latest().oldestRowAgeSeconds();
        return age == null ? 0 : age;
    }
}
