package io.scimitar.assignment.database;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One open database transaction on the reactive client, used from a worker thread: every statement waits for its
 * result so the services read as plain sequential code while the driver stays non-blocking underneath.
 */
public final class Tx {

    private final SqlConnection connection;
    private final Duration timeout;
    private int savepointDepth;
    private boolean aborted;

    Tx(SqlConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    public RowSet<Row> query(String sql, Object... params) {
        try {
            return connection.preparedQuery(sql).execute(Tuple.from(Arrays.asList(params))).await().atMost(timeout);
        } catch (RuntimeException e) {
            failed();
            throw e;
        }
    }

    public void batch(String sql, List<Tuple> rows) {
        if (!rows.isEmpty()) {
            try {
                connection.preparedQuery(sql).executeBatch(rows).await().atMost(timeout);
            } catch (RuntimeException e) {
                failed();
                throw e;
            }
        }
    }

    /** A failed statement outside a savepoint leaves PostgreSQL's transaction aborted: it can only roll back. */
    private void failed() {
        if (savepointDepth == 0) {
            aborted = true;
        }
    }

    boolean aborted() {
        return aborted;
    }

    public <T> List<T> list(String sql, Function<Row, T> mapper, Object... params) {
        List<T> result = new ArrayList<>();
        for (Row row : query(sql, params)) {
            result.add(mapper.apply(row));
        }
        return result;
    }

    public <T> Optional<T> optional(String sql, Function<Row, T> mapper, Object... params) {
        Iterator<Row> rows = query(sql, params).iterator();
        return rows.hasNext() ? Optional.ofNullable(mapper.apply(rows.next())) : Optional.empty();
    }

    public long count(String sql, Object... params) {
        return query(sql, params).iterator().next().getLong(0);
    }

    public int update(String sql, Object... params) {
        return query(sql, params).rowCount();
    }

    void plain(String sql) {
        connection.query(sql).execute().await().atMost(timeout);
    }

    /** Runs {@code work} so that, when it fails, only its own writes are undone and the transaction goes on. */
    public <T> T withinSavepoint(Function<Tx, T> work) {
        plain("savepoint row_work");
        savepointDepth++;
        try {
            T result = work.apply(this);
            plain("release savepoint row_work");
            return result;
        } catch (RuntimeException e) {
            plain("rollback to savepoint row_work");
            throw e;
        } finally {
            savepointDepth--;
        }
    }
}
