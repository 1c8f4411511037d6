package io.scimitar.assignment.importing;

import io.scimitar.assignment.database.Transactions;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refreshes PostgreSQL's statistics of the table a bulk request filled, before the next request is planned over it,
 * as PostgreSQL advises after a bulk load.
 * <p>
 * Autovacuum analyses a table up to a minute after it changed (its nap time), and a directory is loaded kind after
 * kind, seconds apart: the assignments' fan-out was planned while {@code app_group} and {@code group_member} had no
 * statistics, and its plan probed every group's membership for each of 100,000 users (100 million index lookups,
 * 405 s for the first chunk of the whole-stack benchmark's assignments, 2.7 s for the next). A request that wrote at
 * least {@value #AFTER_ROWS} rows (rejected ones aside) analyses its table when it ends, if PostgreSQL never analysed
 * it or the rows changed since its last analysis are at least as many as it counted then ({@link #stale}); other
 * requests leave it to autovacuum. A table of known size is planned on its current size anyway (PostgreSQL scales the
 * analysed row count by the pages the table has now), and an analysis after every request cost the most: 20 requests
 * of 5,000 users analysed {@code app_user} 20 times, three quarters of PostgreSQL's time in the users' import.
 * The events' staging table of an assignments chunk is analysed inside the chunk ({@link #analyseStaging}).
 */
@ApplicationScoped
public class ImportStatistics {

    private static final Logger LOG = Logger.getLogger(ImportStatistics.class);
    static final long AFTER_ROWS = 1_000;

    private final Transactions transactions;

    public ImportStatistics(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Analyses the table of {@code kind} when the request's accepted {@code rows} reach {@value #AFTER_ROWS} and the
     * table's statistics are {@link #stale}.
     */
    void imported(ImportKind kind, long rows) {
        if (rows < AFTER_ROWS) {
            return;
        }
        try {
            transactions.inTransaction(tx -> {
                Row counted = tx.query("select c.reltuples, coalesce(s.n_mod_since_analyze, 0) from pg_class c"
                        + " left join pg_stat_user_tables s on s.relid = c.oid where c.oid = $1::regclass",
                        kind.table()).iterator().next();
                if (stale(counted.getDouble(0), counted.getLong(1), rows)) {
                    tx.query("analyze " + kind.table());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not analyse %s after importing %d rows (%s); autovacuum will", kind.table(), rows,
                    e.getMessage());
        }
    }

    /**
     * Whether a table's statistics need refreshing after a request wrote {@code rows} to it: never analysed
     * ({@code reltuples} -1) or analysed while it held fewer rows than have changed since ({@code modified}, PostgreSQL's
     * count, which may not hold the request's own rows yet).
     */
    static boolean stale(double reltuples, long modified, long rows) {
        return reltuples < 0 || Math.max(modified, rows) >= Math.max(AFTER_ROWS, reltuples);
    }

    /**
     * Refreshes the planner's statistics of a staging table the chunk's transaction has just filled (ANALYZE counts
     * the transaction's own rows): the planner would otherwise guess the size of the chunk's 50,000 events and join
     * them by nested loops (at a million users, 2.5 billion matches, more than 10 minutes for one chunk, seconds once
     * analysed). The staging tables are the session's own temporary tables ({@code AssignmentCopyImport}), so the
     * analysis holds nothing another chunk or autovacuum waits for.
     */
    static void analyseStaging(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze " + table);
        }
    }
}
