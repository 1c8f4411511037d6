package io.scimitar.assignment.database;

import io.smallrye.mutiny.Uni;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    /** The channel the outbox relay listens on. */
    public static final String OUTBOX_CHANNEL = "scimitar_outbox";
    /** The relay's wake-up: a notification on {@link #OUTBOX_CHANNEL}, delivered when its transaction commits. */
    public static final String WAKE_OUTBOX_RELAY = "select pg_notify('" + OUTBOX_CHANNEL + "', '')";
    /**
     * The relay's wake-up after a transaction that wrote outbox rows: a notification on {@link #OUTBOX_CHANNEL} in a
     * transaction of its own that does not wait for its commit to reach the disk. PostgreSQL serialises the commits of
     * notifying transactions on one lock held until their commit is flushed, so a notification inside the change's
     * transaction (the outbox trigger's, until V12) made concurrent changes commit one disk flush after another; this
     * one holds the lock for no flush. A notification lost in a crash costs nothing: the relay also polls.
     */
    static final String NOTIFY_OUTBOX = "begin; set local synchronous_commit = off; " + WAKE_OUTBOX_RELAY
            + "; commit";

    private final Pool pool;
    private final Duration timeout;
    private final LocalOutboxRelay relay;

    public Transactions(Pool pool, DatabaseConfig config, LocalOutboxRelay relay) {
        this.pool = pool;
        this.timeout = config.statementTimeout();
        this.relay = relay;
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
     * statement. BEGIN goes with the work's first statement, in its round trip (a work that sends none begins and
     * commits nothing). A failed statement marks the transaction aborted, so it is rolled back whatever the work did
     * next.
     */
    private <T> T onPoolConnection(Function<SqlTransaction, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            SqlTransaction tx = new SqlTransaction(new PoolConnection(connection, timeout), begin());
            try {
                T result = work.apply(tx);
                if (tx.aborted()) {
                    throw new IllegalStateException("A statement failed, so the transaction was rolled back");
                }
                if (!tx.begun()) {
                    return result;
                }
                if (tx.outboxWritten()) {
                    commitAndWakeRelay(connection);
                } else {
                    connection.query("commit").execute().await().atMost(timeout);
                }
                return result;
            } catch (RuntimeException | Error e) {
                if (tx.begun()) {
                    try {
                        connection.query("rollback").execute().await().atMost(timeout);
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            }
        } finally {
            connection.close().await().atMost(timeout);
        }
    }

    /**
     * Commits, then wakes the relay: directly when this process's relay is the one relaying (no statement at all),
     * else through {@link #NOTIFY_OUTBOX}, sent in the same round trip as the commit (the client pipelines the two;
     * PostgreSQL skips it when the commit failed). The commit's failure is the work's; the notification's is only
     * logged, since the change is committed by then.
     */
    private void commitAndWakeRelay(SqlConnection connection) {
        if (relay.relaying()) {
            connection.query("commit").execute().await().atMost(timeout);
            relay.wake();
            return;
        }
        // subscribed at once, so that both are sent before the commit's answer is awaited
        CompletableFuture<RowSet<Row>> commit = connection.query("commit").execute().subscribeAsCompletionStage();
        CompletableFuture<RowSet<Row>> notify = connection.query(NOTIFY_OUTBOX).execute()
                .subscribeAsCompletionStage();
        Uni.createFrom().completionStage(commit).await().atMost(timeout);
        try {
            Uni.createFrom().completionStage(notify).await().atMost(timeout);
        } catch (RuntimeException e) {
            LOG.debugf("Could not notify the outbox relay after a commit (%s); it polls", e.getMessage());
        }
    }

    /**
     * {@code begin}, and when the work runs for a traced request, the trace context for the transaction's outbox rows
     * ({@code outbox.traceparent}'s default) in the same round trip. The value is built here from the span's
     * context (hex digits only, checked), never from input. A {@code set local}, not a {@code select set_config}:
     * PostgreSQL planned the select at every change (0.27 s of planning for 6,000 changes in the benchmark).
     */
    static String begin() {
        String traceparent = OutboxTraceContext.current();
        return traceparent == null ? "begin" : "begin; set local scimitar.traceparent = '" + traceparent + "'";
    }

    /** Statements on a connection of the reactive client's pool. */
    private record PoolConnection(SqlConnection connection, Duration timeout) implements SqlTransaction.Connection {

        @Override
        public RowSet<Row> query(String sql, Tuple params) {
            return connection.preparedQuery(sql).execute(params).await().atMost(timeout);
        }

        @Override
        public RowSet<Row> query(String setting, String sql, Tuple params) {
            // subscribed at once, so that both are sent before the setting's answer is awaited
            CompletableFuture<RowSet<Row>> set = connection.query(setting).execute().subscribeAsCompletionStage();
            CompletableFuture<RowSet<Row>> rows = connection.preparedQuery(sql).execute(params)
                    .subscribeAsCompletionStage();
            Uni.createFrom().completionStage(set).await().atMost(timeout);
            return Uni.createFrom().completionStage(rows).await().atMost(timeout);
        }
    }
}
