package io.scimitar.assignment.importing;

import io.scimitar.assignment.database.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Refreshes PostgreSQL's statistics of the table a bulk request filled, before the next request is planned over it,
 * as PostgreSQL advises after a bulk load.
 * <p>
 * Autovacuum analyses a table up to a minute after it changed (its nap time), and a directory is loaded kind after
 * kind, seconds apart: the assignments' fan-out was planned while {@code app_group} and {@code group_member} had no
 * statistics, and its plan probed every group's membership for each of 100,000 users (100 million index lookups,
 * 405 s for the first chunk of the whole-stack benchmark's assignments, 2.7 s for the next). A request that wrote at
 * least {@value #AFTER_ROWS} rows (rejected ones aside) analyses its table when it ends; smaller ones leave it to autovacuum.
 */
@ApplicationScoped
public class ImportStatistics {

    private static final Logger LOG = Logger.getLogger(ImportStatistics.class);
    static final long AFTER_ROWS = 1_000;

    private final Transactions transactions;

    public ImportStatistics(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Analyses the table of {@code kind} when the request's accepted {@code rows} reach {@value #AFTER_ROWS}. */
    void imported(ImportKind kind, long rows) {
        if (rows < AFTER_ROWS) {
            return;
        }
        try {
            transactions.inTransaction(tx -> tx.query("analyze " + kind.table()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not analyse %s after importing %d rows (%s); autovacuum will", kind.table(), rows,
                    e.getMessage());
        }
    }
}
