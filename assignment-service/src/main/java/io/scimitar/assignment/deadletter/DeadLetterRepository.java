package io.scimitar.assignment.deadletter;

import io.scimitar.assignment.database.SqlTransaction;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The {@code outbox_dead_letter} table, in the caller's transaction (SQL: no entities). */
@ApplicationScoped
public class DeadLetterRepository {

    private static final String COLUMNS = "id, event_key, event_type, created_at, reason, failed_at, superseded_by, "
            + "octet_length(payload)";

    private static final String MOVE = """
            insert into outbox_dead_letter (id, topic, event_key, event_type, payload, created_at, reason)
            select o.id, o.topic, o.event_key, o.event_type, o.payload, o.created_at, r.reason
            from outbox o join unnest($1::bigint[], $2::text[]) as r(id, reason) on o.id = r.id""";

    private static final String MARK_SUPERSEDED = """
            update outbox_dead_letter d set superseded_by = p.id
            from (select key, max(id) as id from unnest($1::text[], $2::bigint[]) as u(key, id) group by key) p
            where d.event_key = p.key and d.id < p.id and (d.superseded_by is null or d.superseded_by < p.id)""";

    private static final String REQUEUE = """
            with taken as (delete from outbox_dead_letter where id = $1 returning topic, event_key, event_type, payload)
            insert into outbox (topic, event_key, event_type, payload)
            select topic, event_key, event_type, payload from taken
            returning id""";

    /**
     * Copies the outbox rows {@code ids} here with their reasons (same order); the caller deletes them from the
     * outbox in the same transaction.
     */
    public void moveFromOutbox(SqlTransaction tx, List<Long> ids, List<String> reasons) {
        tx.query(MOVE, ids.toArray(Long[]::new), reasons.toArray(String[]::new));
    }

    /** Records that rows of these keys ({@code keys[i]} at outbox id {@code ids[i]}) reached the broker. */
    public void markSuperseded(SqlTransaction tx, List<String> keys, List<Long> ids) {
        tx.query(MARK_SUPERSEDED, keys.toArray(String[]::new), ids.toArray(Long[]::new));
    }

    public List<DeadLetter> list(SqlTransaction tx, long afterId, int limit) {
        return tx.list("select " + COLUMNS + " from outbox_dead_letter where id > $1 order by id limit $2",
                row -> read(row, null), afterId, limit);
    }

    /** One dead letter with its payload, its row locked until the transaction ends. */
    public Optional<DeadLetter> lock(SqlTransaction tx, long id) {
        return tx.optional("select " + COLUMNS + ", payload from outbox_dead_letter where id = $1 for update",
                row -> read(row, row.getString(8)), id);
    }

    public Optional<DeadLetter> find(SqlTransaction tx, long id) {
        return tx.optional("select " + COLUMNS + ", payload from outbox_dead_letter where id = $1",
                row -> read(row, row.getString(8)), id);
    }

    /** The id of an outbox row of {@code key} written after the dead letter {@code id}, waiting to be relayed. */
    public Optional<Long> pendingNewerRow(SqlTransaction tx, String key, long id) {
        return tx.optional("select id from outbox where event_key = $1 and id > $2 order by id limit 1",
                row -> row.getLong(0), key, id);
    }

    /** Moves the dead letter back to the end of the outbox; returns the new outbox row's id. */
    public long requeue(SqlTransaction tx, long id) {
        tx.wroteOutbox();
        return tx.query(REQUEUE, id).iterator().next().getLong(0);
    }

    public boolean delete(SqlTransaction tx, long id) {
        return tx.update("delete from outbox_dead_letter where id = $1", id) == 1;
    }

    private static DeadLetter read(Row row, String payload) {
        return new DeadLetter(row.getLong(0), row.getString(1), row.getString(2),
                row.getOffsetDateTime(3).toInstant(), row.getString(4), row.getOffsetDateTime(5).toInstant(),
                row.getLong(6), row.getInteger(7), payload);
    }
}
