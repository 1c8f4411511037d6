package io.scimitar.provisioner.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Writes and reads provisioning log entries. */
@ApplicationScoped
public class ProvisioningLogRepository {

    private static final int COLUMNS = 17;
    private static final String INSERT = insertStatement(1);

    private final Pool database;
    private final ObjectMapper json;

    public ProvisioningLogRepository(Pool database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public Uni<Void> insert(ProvisioningLogEntry entry) {
        return database.preparedQuery(INSERT).execute(Tuple.from(insertValues(entry))).replaceWithVoid();
    }

    /**
     * The insert of one entry with its parameters numbered from {@code firstParameter}, so that it can end a
     * statement that also writes other tables; the parameters are {@link #insertValues}.
     */
    private static String insertStatement(int firstParameter) {
        return """
                insert into provisioning_log (job_id, cycle_id, change_id, activity_time, duration_ms, action, status,
                    object_type, source_id, source_display, target_id, event_id, object_version, steps,
                    modified_properties, error_code, error_reason)
                values (""" + IntStream.range(firstParameter, firstParameter + COLUMNS).mapToObj(n -> "$" + n)
                .collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The insert of many entries in one statement, in their order, with its parameters numbered from
     * {@code firstParameter}: one array per column, {@link #insertAllValues}.
     */
    public static String insertAllStatement(int firstParameter) {
        String[] types = {"uuid", "uuid", "uuid", "timestamptz", "int4", "text", "text", "text", "text", "text",
                "text", "uuid", "int8", "text", "text", "text", "text"};
        String arrays = IntStream.range(0, COLUMNS)
                .mapToObj(i -> "$" + (firstParameter + i) + "::" + types[i] + "[]").collect(Collectors.joining(", "));
        return """
                insert into provisioning_log (job_id, cycle_id, change_id, activity_time, duration_ms, action, status,
                    object_type, source_id, source_display, target_id, event_id, object_version, steps,
                    modified_properties, error_code, error_reason)
                select e.job_id, e.cycle_id, e.change_id, e.activity_time, e.duration_ms, e.action, e.status,
                    e.object_type, e.source_id, e.source_display, e.target_id, e.event_id, e.object_version,
                    e.steps::jsonb, e.modified_properties::jsonb, e.error_code, e.error_reason
                from unnest(""" + arrays + """
                ) with ordinality as e(job_id, cycle_id, change_id, activity_time, duration_ms, action, status,
                    object_type, source_id, source_display, target_id, event_id, object_version, steps,
                    modified_properties, error_code, error_reason, position)
                order by e.position""";
    }

    /** The parameters of {@link #insertAllStatement} for {@code entries}: one array per column, in order. */
    public List<Object> insertAllValues(List<ProvisioningLogEntry> entries) {
        int n = entries.size();
        Object[][] columns = {new UUID[n], new UUID[n], new UUID[n], new java.time.OffsetDateTime[n], new Integer[n],
                new String[n], new String[n], new String[n], new String[n], new String[n], new String[n],
                new UUID[n], new Long[n], new String[n], new String[n], new String[n], new String[n]};
        for (int i = 0; i < n; i++) {
            ProvisioningLogEntry entry = entries.get(i);
            List<Object> values = columnValues(entry, jsonText(entry.steps()), jsonText(entry.modifiedProperties()));
            for (int column = 0; column < COLUMNS; column++) {
                columns[column][i] = values.get(column);
            }
        }
        return Arrays.asList((Object[]) columns);
    }

    /** {@code text} matched as itself by LIKE: its wildcards {@code %} and {@code _} and the escape {@code \\} escaped. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The entries matching {@code query}, newest first, at most {@code query.limit()}. */
    public Uni<List<ProvisioningLogEntry>> find(LogQuery query) {
        StringBuilder sql = new StringBuilder("select * from provisioning_log where job_id = $1");
        List<Object> values = new ArrayList<>();
        values.add(query.jobId());
        if (query.identity() != null && !query.identity().isBlank()) {
            values.add(query.identity());
            values.add(likeLiteral(query.identity()));
            int n = values.size() - 1;
            sql.append(" and (source_id = $").append(n).append(" or target_id = $").append(n)
                    .append(" or source_display ilike '%' || $").append(n + 1).append(" || '%')");
        }
        if (query.status() != null) {
            values.add(query.status().name());
            sql.append(" and status = $").append(values.size());
        }
        if (query.action() != null) {
            values.add(query.action().name());
            sql.append(" and action = $").append(values.size());
        }
        if (query.from() != null) {
            values.add(query.from().atOffset(ZoneOffset.UTC));
            sql.append(" and activity_time >= $").append(values.size());
        }
        if (query.to() != null) {
            values.add(query.to().atOffset(ZoneOffset.UTC));
            sql.append(" and activity_time < $").append(values.size());
        }
        if (query.cycleId() != null) {
            values.add(query.cycleId());
            sql.append(" and cycle_id = $").append(values.size());
        }
        if (query.changeId() != null) {
            values.add(query.changeId());
            sql.append(" and change_id = $").append(values.size());
        }
        if (query.before() != null) {
            values.add(query.before());
            sql.append(" and id < $").append(values.size());
        }
        values.add(query.limit());
        sql.append(" order by id desc limit $").append(values.size());
        return database.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
            List<ProvisioningLogEntry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(read(row)));
            return entries;
        });
    }

    /** Deletes the entries older than {@code cutoff}; answers how many. */
    public Uni<Integer> deleteOlderThan(java.time.Instant cutoff) {
        return database.preparedQuery("delete from provisioning_log where activity_time < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** The entries of a job about one source object, newest first. */
    public Uni<List<ProvisioningLogEntry>> forObject(UUID jobId, String sourceId) {
        return database.preparedQuery("select * from provisioning_log where job_id = $1 and source_id = $2 "
                        + "order by id desc").execute(Tuple.of(jobId, sourceId))
                .map(rows -> {
                    List<ProvisioningLogEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(read(row)));
                    return entries;
                });
    }

    /** The parameters of {@link #insertStatement} for {@code entry}, in order (its jsonb columns as JSON arrays). */
    private List<Object> insertValues(ProvisioningLogEntry entry) {
        return columnValues(entry, new JsonArray(jsonText(entry.steps())),
                new JsonArray(jsonText(entry.modifiedProperties())));
    }

    /**
     * The columns of {@code entry}, in order, with its steps and modified properties as given: JSON arrays for one
     * entry's jsonb parameters, JSON text for the text arrays of {@link #insertAllStatement} (written once, not
     * parsed back and written again).
     */
    private static List<Object> columnValues(ProvisioningLogEntry entry, Object steps, Object modifiedProperties) {
        return Arrays.asList(entry.jobId(), entry.cycleId(), entry.changeId(),
                entry.activityTime().atOffset(ZoneOffset.UTC), (int) entry.durationMs(), entry.action().name(),
                entry.status().name(), entry.objectType(), entry.sourceId(), entry.sourceDisplay(), entry.targetId(),
                entry.eventId(), entry.objectVersion(), steps, modifiedProperties, entry.errorCode(),
                entry.errorReason());
    }

    private String jsonText(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write a provisioning log entry", e);
        }
    }

    ProvisioningLogEntry read(Row row) {
        try {
            return new ProvisioningLogEntry(row.getLong("id"), row.getUUID("job_id"), row.getUUID("cycle_id"),
                    row.getUUID("change_id"), row.getOffsetDateTime("activity_time").toInstant(),
                    row.getInteger("duration_ms"), ProvisioningAction.valueOf(row.getString("action")),
                    ProvisioningStatus.valueOf(row.getString("status")), row.getString("object_type"),
                    row.getString("source_id"), row.getString("source_display"), row.getString("target_id"),
                    row.getUUID("event_id"), row.getLong("object_version"),
                    List.of(json.readValue(row.getJsonArray("steps").encode(), ProvisioningStep[].class)),
                    List.of(json.readValue(row.getJsonArray("modified_properties").encode(),
                            ModifiedProperty[].class)),
                    row.getString("error_code"), row.getString("error_reason"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read provisioning log entry " + row.getLong("id"), e);
        }
    }
}
