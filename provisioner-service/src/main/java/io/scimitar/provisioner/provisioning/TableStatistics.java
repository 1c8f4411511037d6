package io.scimitar.provisioner.provisioning;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refreshes PostgreSQL's statistics of the tables a sync fills, each time this instance has stored twice as many
 * changes as at the previous refresh (from {@value #FIRST_REFRESH} on), as PostgreSQL advises after a bulk load.
 * <p>
 * A first sync starts on empty tables, and a prepared statement's generic plan, made while its table was empty,
 * scans the table where an index lookup was meant; it is planned again only once the table is analysed, which
 * autovacuum does up to a minute later (its nap time). In the whole-stack benchmark, link lookups scanned
 * {@code object_link} some 2,000 times in the first 45 s of a 100,000-user sync, at a quarter of the later speed;
 * the users' recorded scopes ({@code membership_user_scope}), left out until 2026-12-06, were scanned in full for each
 * batch of users: 28 ms a lookup, 29 s of PostgreSQL's time in a sync with 50,000 users already in the target.
 * The refresh runs beside the job (its statement is not awaited), a few times in a sync: about log2 of the changes.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    static final long FIRST_REFRESH = 1_000;
    private static final String ANALYZE = "analyze object_link, group_membership, escrow, membership_user_scope";

    private final Pool database;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong nextRefresh = new AtomicLong(FIRST_REFRESH);

    public TableStatistics(Pool database) {
        this.database = database;
    }

    /** How many stored changes the next refresh waits for. */
    long nextRefresh() {
        return nextRefresh.get();
    }

    long stored() {
        return stored.get();
    }

    /** Counts one stored change; refreshes the statistics when the count reaches the next doubling. */
    public void changeStored() {
        long count = stored.incrementAndGet();
        long due = nextRefresh.get();
        if (count >= due && nextRefresh.compareAndSet(due, due * 2)) {
            database.query(ANALYZE).execute().subscribe().with(
                    rows -> LOG.debugf("Analysed the link tables after %d stored changes", count),
                    failure -> LOG.warnf("Could not analyse the link tables (%s); autovacuum will",
                            failure.getMessage()));
        }
    }
}
