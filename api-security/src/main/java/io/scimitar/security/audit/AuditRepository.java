package io.scimitar.security.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
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

    /**
     * Stores the records with one statement (one commit): a change answered at 100 a second made an insert and a
     * commit of its own, each commit a flush of the log. The field names of each record go as a JSON array, since
     * PostgreSQL's arrays cannot hold arrays of different lengths; the records keep their order in the identity.
     */
    public Uni<Void> insert(List<AuditRecord> records) {
        int n = records.size();
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        String[] actor = new String[n];
        String[] method = new String[n];
        String[] path = new String[n];
        String[] operation = new String[n];
        String[] resourceType = new String[n];
        String[] resourceId = new String[n];
        String[] fieldNames = new String[n];
        Integer[] status = new Integer[n];
        String[] remoteAddress = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRecord record = records.get(i);
            recordedAt[i] = OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC);
            actor[i] = record.actor();
            method[i] = record.method();
            path[i] = record.path();
            operation[i] = record.operation();
            resourceType[i] = record.resourceType();
            resourceId[i] = record.resourceId();
            fieldNames[i] = new JsonArray(record.fields()).encode();
            status[i] = record.status();
            remoteAddress[i] = record.remoteAddress();
        }
        return pool.preparedQuery("INSERT INTO audit_record (recorded_at, actor, method, path, operation, "
                + "resource_type, resource_id, field_names, status, remote_address) "
                + "SELECT r.recorded_at, r.actor, r.method, r.path, r.operation, r.resource_type, r.resource_id, "
                + "array(SELECT jsonb_array_elements_text(r.field_names::jsonb)), r.status, r.remote_address "
                + "FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                + "$7::text[], $8::text[], $9::int[], $10::text[]) WITH ORDINALITY AS r(recorded_at, actor, method, "
                + "path, operation, resource_type, resource_id, field_names, status, remote_address, n) ORDER BY r.n")
                .execute(Tuple.from(new Object[] {recordedAt, actor, method, path, operation, resourceType,
                    resourceId, fieldNames, status, remoteAddress}))
                .replaceWithVoid();
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
