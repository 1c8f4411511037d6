package io.scimitar.assignment.database;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/** Runs units of work in database transactions, retrying the ones PostgreSQL aborted for a deadlock. */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 5;

    private final Pool pool;
    private final Duration timeout;

    public Transactions(Pool pool, DatabaseConfig config) {
        this.pool = pool;
        this.timeout = config.statementTimeout();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Tx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (PgException e) {
                if (!RETRYABLE.contains(e.getSqlState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("Retrying a transaction aborted with %s (attempt %d)", e.getSqlState(), attempt);
            }
        }
    }

    /*
     * BEGIN and COMMIT are plain statements rather than the client's Transaction object, which rolls the whole
     * transaction back on the first failed statement and so defeats savepoints.
     */
    private <T> T once(Function<Tx, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            Tx tx = new Tx(connection, timeout);
            tx.plain("begin");
            try {
                T result = work.apply(tx);
                if (tx.aborted()) {
                    throw new IllegalStateException("A statement failed, so the transaction was rolled back");
                }
                tx.plain("commit");
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    tx.plain("rollback");
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } finally {
            connection.close().await().atMost(timeout);
        }
    }
}
