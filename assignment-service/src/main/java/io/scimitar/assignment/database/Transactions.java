package io.scimitar.assignment.database;

import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs units of work in database transactions on one connection of the reactive PostgreSQL client's pool, retrying
 * the ones PostgreSQL aborted for a deadlock or a serialization failure.
 * <p>
 * The work runs on the calling worker thread as plain sequential code; each statement is sent through the client's
 * public API and awaited, so the event loop never blocks. Every statement of the unit (single-row reads and writes,
 * set-based statements, the outbox rows) goes through the same connection, between one {@code begin} and one
 * {@code commit}: they commit or roll back together.
 */
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
    public <T> T inTransaction(Function<SqlTransaction, T> work) {
        return retrying(() -> onPoolConnection(work));
    }

    private <T> T retrying(Supplier<T> once) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A blocking transaction must not run on the event loop");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once.get();
            } catch (PgException e) {
                if (!RETRYABLE.contains(e.getSqlState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("Retrying a transaction aborted with %s (attempt %d)", e.getSqlState(), attempt);
            }
        }
    }

    /*
     * BEGIN and COMMIT are plain statements rather than the client's Transaction object (Pool#withTransaction),
     * which wants the work as one Uni chain; here the work is sequential code on a worker thread awaiting each
     * statement. A failed statement marks the transaction aborted, so it is rolled back whatever the work did next.
     */
    private <T> T onPoolConnection(Function<SqlTransaction, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            SqlTransaction tx = new SqlTransaction(new PoolConnection(connection, timeout));
            connection.query(begin()).execute().await().atMost(timeout);
            try {
                T result = work.apply(tx);
                if (tx.aborted()) {
                    throw new IllegalStateException("A statement failed, so the transaction was rolled back");
                }
                connection.query("commit").execute().await().atMost(timeout);
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    connection.query("rollback").execute().await().atMost(timeout);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } finally {
            connection.close().await().atMost(timeout);
        }
    }

    /**
     * {@code begin}, and when the work runs for a traced request, the trace context for the transaction's outbox rows
     * ({@code outbox.traceparent}'s default) in the same round trip. The value is built here from the span's
     * context (hex digits only, checked), never from input.
     */
    static String begin() {
        String traceparent = OutboxTraceContext.current();
        return traceparent == null ? "begin"
                : "begin; select set_config('scimitar.traceparent', '" + traceparent + "', true)";
    }

    /** Statements on a connection of the reactive client's pool. */
    private record PoolConnection(SqlConnection connection, Duration timeout) implements SqlTransaction.Connection {

        @Override
        public RowSet<Row> query(String sql, Tuple params) {
            return connection.preparedQuery(sql).execute(params).await().atMost(timeout);
        }

        @Override
        public void batch(String sql, List<Tuple> rows) {
            connection.preparedQuery(sql).executeBatch(rows).await().atMost(timeout);
        }
    }
}
