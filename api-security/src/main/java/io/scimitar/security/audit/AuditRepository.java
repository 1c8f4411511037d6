package io.scimitar.security.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_record} table (each service's own migration creates it), through the reactive pool. */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS = "id, recorded_at, actor, method, path, operation, resource_type, "
            + "resource_id, field_names, status, remote_address";

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the records in one batch. */
    public Uni<Void> insert(List<AuditRecord> records) {
        List<Tuple> rows = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            rows.add(Tuple.from(new Object[] {OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC),
                record.actor(), record.method(), record.path(), record.operation(), record.resourceType(),
                record.resourceId(), record.fields().toArray(String[]::new), record.status(),
                record.remoteAddress()}));
        }
        return pool.preparedQuery("INSERT INTO audit_record (recorded_at, actor, method, path, operation, "
                + "resource_type, resource_id, field_names, status, remote_address) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(rows).replaceWithVoid();
    }

    /** The records the query selects, newest first, one more than its limit (which only says there is more). */
    public Uni<List<AuditRecord>> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_record WHERE true");
        List<Object> values = new ArrayList<>();
        condition(sql, values, " AND actor = $", query.actor());
        condition(sql, values, " AND resource_type = $", query.resourceType());
        condition(sql, values, " AND resource_id = $", query.resourceId());
        condition(sql, values, " AND recorded_at >= $", utc(query.since()));
        condition(sql, values, " AND recorded_at < $", utc(query.until()));
        condition(sql, values, " AND id < $", query.after());
        values.add(query.limit() + 1);
        sql.append(" ORDER BY id DESC LIMIT $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values))
                .map(rows -> {
                    List<AuditRecord> found = new ArrayList<>();
                    rows.forEach(row -> found.add(record(row)));
                    return found;
                });
    }

    /** Deletes the records older than {@code cutoff}; answers how many went. */
    public Uni<Integer> deleteOlderThan(Instant cutoff) {
        return pool.preparedQuery("DELETE FROM audit_record WHERE recorded_at < $1")
                .execute(Tuple.of(utc(cutoff))).map(rows -> rows.rowCount());
    }

    private static void condition(StringBuilder sql, List<Object> values, String clause, Object value) {
        if (value != null) {
            values.add(value);
            sql.append(clause).append(values.size());
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static AuditRecord record(Row row) {
        String[] fields = row.getArrayOfStrings("field_names");
        return new AuditRecord(row.getLong("id"), row.getOffsetDateTime("recorded_at").toInstant(),
                row.getString("actor"), row.getString("method"), row.getString("path"), row.getString("operation"),
                row.getString("resource_type"), row.getString("resource_id"),
                fields == null ? List.of() : List.of(fields), row.getInteger("status"),
                row.getString("remote_address"));
    }
}
