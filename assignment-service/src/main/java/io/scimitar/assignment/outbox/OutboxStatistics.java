package io.scimitar.assignment.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the outbox backlog and the dead letters with one query on the reactive pool (never blocking a thread), and
 * keeps the result for {@code statistics-max-age} for the health checks and metrics.
 */
@ApplicationScoped
public class OutboxStatistics {

    private static final Logger LOG = Logger.getLogger(OutboxStatistics.class);
    /* the oldest row by id walks the primary key; created_at has no index and needs none */
    private static final String SUMMARY = """
            select (select count(*) from outbox),
                   (select extract(epoch from now() - created_at)::float8 from outbox order by id limit 1),
                   (select count(*) from outbox_dead_letter),
                   (select min(failed_at) from outbox_dead_letter)""";

    private final Pool pool;
    private final OutboxConfig config;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile OutboxSummary latest = OutboxSummary.UNKNOWN;

    public OutboxStatistics(Pool pool, OutboxConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Counts now. */
    public Uni<OutboxSummary> read() {
        return pool.query(SUMMARY).execute().map(rows -> toSummary(rows.iterator().next()))
                .invoke(summary -> latest = summary);
    }

    /** The figures of at most {@code statistics-max-age} ago, counted again when older. */
    public Uni<OutboxSummary> recent() {
        OutboxSummary known = latest;
        return fresh(known) ? Uni.createFrom().item(known) : read();
    }

    /**
     * The last figures counted, without waiting: when they are older than {@code statistics-max-age} a count starts
     * in the background for the next caller (for metrics gauges, which must answer at once).
     */
    public OutboxSummary latest() {
        OutboxSummary known = latest;
        if (!fresh(known) && refreshing.compareAndSet(false, true)) {
            read().onTermination().invoke(() -> refreshing.set(false)).subscribe().with(
                    summary -> { }, failure -> LOG.debugf("Cannot count the outbox: %s", failure.getMessage()));
        }
        return known;
    }

    private boolean fresh(OutboxSummary summary) {
        return summary.readAt().plus(config.statisticsMaxAge()).isAfter(Instant.now());
    }

    private static OutboxSummary toSummary(Row row) {
        OffsetDateTime oldestDeadLetter = row.getOffsetDateTime(3);
        return new OutboxSummary(row.getLong(0), row.getDouble(1), row.getLong(2),
                oldestDeadLetter == null ? null : oldestDeadLetter.toInstant(), Instant.now());
    }
}
