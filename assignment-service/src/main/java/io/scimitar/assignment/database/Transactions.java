package io.scimitar.assignment.database;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;
import org.hibernate.reactive.pool.impl.SqlClientConnection;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs units of work in database transactions, retrying the ones PostgreSQL aborted for a deadlock.
 * <p>
 * {@link #inTransaction} is the transaction of every change: a Hibernate Reactive session with its transaction
 * ({@code Panache.withTransaction}), opened on a fresh duplicated Vert.x context. The work itself runs on the
 * calling worker thread; each of its statements is handed to that context and awaited there, so the session never
 * leaves its context and the event loop never blocks. Plain SQL goes through the session's own connection, so the
 * entity changes, the set-based statements and the outbox rows share one connection and commit or roll back together.
 * {@link #inClientTransaction} is the reactive client alone, for the outbox relay, which needs no entities.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
    private static final int ATTEMPTS = 5;

    private final Vertx vertx;
    private final Pool pool;
    private final Duration timeout;

    public Transactions(Vertx vertx, Pool pool, DatabaseConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.timeout = config.statementTimeout();
    }

    /** Runs {@code work} in one Hibernate Reactive transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Tx, T> work) {
        return retrying(() -> inSession(work));
    }

    /** Runs {@code work} in one transaction of the reactive client (no Hibernate session): for the outbox relay. */
    public <T> T inClientTransaction(Function<Tx, T> work) {
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

    private <T> T inSession(Function<Tx, T> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<SqlClientConnection> opened = new CompletableFuture<>();
        CompletableFuture<T> workDone = new CompletableFuture<>();
        CompletableFuture<T> committed = new CompletableFuture<>();
        context.runOnContext(ignored -> Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            opened.complete(connectionOf(session));
            return Uni.createFrom().completionStage(workDone)
                    .emitOn(task -> context.runOnContext(v -> task.run()));
        })).subscribe().with(committed::complete, failure -> {
            opened.completeExceptionally(failure);
            committed.completeExceptionally(failure);
        }));
        SqlClientConnection connection;
        try {
            connection = await(opened);
        } catch (RuntimeException e) {
            workDone.completeExceptionally(e);
            throw e;
        }
        Tx tx = new Tx(new SessionConnection(context, connection, timeout));
        try {
            T result = work.apply(tx);
            if (tx.aborted()) {
                throw new IllegalStateException("A statement failed, so the transaction was rolled back");
            }
            workDone.complete(result);
        } catch (RuntimeException | Error e) {
            workDone.completeExceptionally(e);
            try {
                await(committed);
            } catch (RuntimeException rollbackFailure) {
                if (rollbackFailure != e) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        }
        return await(committed);
    }

    /*
     * BEGIN and COMMIT are plain statements rather than the client's Transaction object, which rolls the whole
     * transaction back on the first failed statement.
     */
    private <T> T onPoolConnection(Function<Tx, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            Tx tx = new Tx(new PoolConnection(connection, timeout));
            connection.query("begin").execute().await().atMost(timeout);
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

    /** The session's own connection; asked for on the session's event loop, as Hibernate Reactive requires. */
    private static SqlClientConnection connectionOf(Mutiny.Session session) {
        ReactiveConnection reactive = ((MutinySessionImpl) session).getReactiveConnection();
        if (!(reactive instanceof SqlClientConnection sql)) {
            throw new IllegalStateException("Unexpected Hibernate Reactive connection " + reactive.getClass()
                    + ": statement batching must stay off (hibernate.jdbc.batch_size unset)");
        }
        return sql;
    }

    private <T> T await(CompletableFuture<T> future) {
        return await(future, timeout);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The database did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the database", e);
        }
    }

    /**
     * The PostgreSQL error inside whatever wrapped it (Hibernate, Mutiny), as a {@link PgException} so callers read
     * its SQL state one way whichever path the statement took (Hibernate Reactive reports them as SQLExceptions).
     */
    static RuntimeException unwrap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return new PgException(sql.getMessage(), "ERROR", sql.getSQLState(), null);
            }
        }
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            return unwrap(failure.getCause());
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** Statements on the connection of a Hibernate Reactive session, always run on the session's context. */
    private static final class SessionConnection implements Tx.Connection {

        private static final TypeArg<Row> ROWS = new TypeArg<>(
                row -> Row.newInstance((io.vertx.sqlclient.Row) row), Row::getDelegate);

        private final Context context;
        private final SqlClientConnection connection;
        private final Duration timeout;

        SessionConnection(Context context, SqlClientConnection connection, Duration timeout) {
            this.context = context;
            this.connection = connection;
            this.timeout = timeout;
        }

        @Override
        public RowSet<Row> query(String sql, Tuple params) {
            return call(() -> Uni.createFrom().completionStage(() -> connection.preparedQuery(sql, params.getDelegate()))
                    .map(rows -> RowSet.newInstance(rows, ROWS)));
        }

        @Override
        public void batch(String sql, List<Tuple> rows) {
            List<io.vertx.sqlclient.Tuple> plain = rows.stream().map(Tuple::getDelegate).toList();
            call(() -> Uni.createFrom().completionStage(() -> connection.preparedQueryBatch(sql, plain)));
        }

        @Override
        public <T> T call(Supplier<Uni<T>> operation) {
            CompletableFuture<T> result = new CompletableFuture<>();
            context.runOnContext(ignored -> {
                try {
                    operation.get().subscribe().with(result::complete, result::completeExceptionally);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return await(result, timeout);
        }
    }

    /** Statements on a connection of the reactive client's pool. */
    private record PoolConnection(SqlConnection connection, Duration timeout) implements Tx.Connection {

        @Override
        public RowSet<Row> query(String sql, Tuple params) {
            return connection.preparedQuery(sql).execute(params).await().atMost(timeout);
        }

        @Override
        public void batch(String sql, List<Tuple> rows) {
            connection.preparedQuery(sql).executeBatch(rows).await().atMost(timeout);
        }

        /** A client transaction (the outbox relay's) has no Hibernate session: entity work there is a programming error. */
        @Override
        public <T> T call(Supplier<Uni<T>> operation) {
            throw new IllegalStateException("Entity operations need inTransaction; inClientTransaction has no "
                    + "Hibernate session");
        }
    }
}
