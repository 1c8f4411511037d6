package io.scimitar.assignment.database;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One open database transaction, used from a worker thread: every statement waits for its result so the services
 * read as plain sequential code while the driver stays non-blocking underneath.
 */
public final class SqlTransaction {

    /** Where the statements of a transaction go: the transaction's connection. */
    interface Connection {
        RowSet<Row> query(String sql, Tuple params);

        /**
         * Sends {@code setting} (plain statements, separated by semicolons) and then the query in one round trip;
         * answers the query's rows.
         */
        RowSet<Row> query(String setting, String sql, Tuple params);
    }

    private final Connection connection;
    private boolean aborted;
    private boolean wroteOutbox;
    private boolean begun;
    /** Plain statements that go to PostgreSQL with the next statement, in its round trip; null: none. */
    private String settingForNextStatement;

    /**
     * A transaction whose {@code begin} (plain statements) goes with its first statement, in one round trip: a
     * change's transaction makes three instead of four.
     */
    SqlTransaction(Connection connection, String begin) {
        this.connection = connection;
        this.settingForNextStatement = begin;
    }

    public RowSet<Row> query(String sql, Object... params) {
        String setting = takeSettingForNextStatement();
        begun = true;
        try {
            Tuple values = Tuple.from(Arrays.asList(params));
            return setting == null ? connection.query(sql, values) : connection.query(setting, sql, values);
        } catch (RuntimeException e) {
            aborted = true;
            throw e;
        }
    }

    private String takeSettingForNextStatement() {
        String setting = settingForNextStatement;
        settingForNextStatement = null;
        return setting;
    }

    /**
     * Notes that this transaction appended outbox rows: once it commits, the outbox relay is notified
     * ({@link Transactions}).
     */
    public void wroteOutbox() {
        wroteOutbox = true;
    }

    boolean outboxWritten() {
        return wroteOutbox;
    }

    /**
     * Runs this transaction's next prepared statements on their generic plan, made once per connection, rather than
     * planned again at every execution. PostgreSQL keeps planning a statement afresh while the plan for the values at
     * hand looks cheaper than the generic one, as it does for the one-row change statements over unnested arrays
     * ({@code UserChangeStatement}): on PostgreSQL 14 with 100,000 users, planning one cost 1.2 to 2.2 ms at every
     * execution against 0.5 to 0.9 ms for running it, where the generic plan (the same index lookups) takes 0.12 ms
     * to fetch. The setting ends with the transaction; it goes to PostgreSQL with the next statement, in the same
     * round trip.
     */
    public void useGenericPlans() {
        String setting = "set local plan_cache_mode = force_generic_plan";
        settingForNextStatement = settingForNextStatement == null ? setting : settingForNextStatement + "; " + setting;
    }

    /** Whether a statement went to PostgreSQL, {@code begin} with it: if none did, there is nothing to commit. */
    boolean begun() {
        return begun;
    }

    /** A failed statement leaves PostgreSQL's transaction aborted: it can only roll back. */
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
}
