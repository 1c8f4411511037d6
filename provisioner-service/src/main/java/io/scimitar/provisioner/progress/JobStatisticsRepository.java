package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.pipeline.PendingWrites.ChangeCount;
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
import java.util.Map;
import java.util.UUID;

/**
 * A job's statistics to date ({@code job_statistics}, migration V11): changes applied by action and status since the
 * job was created, added to by each poll in the statement that stores its links and log entries
 * ({@link #addAllStatement}), so they outlive pauses, restarts and process restarts.
 */
@ApplicationScoped
public class JobStatisticsRepository {

    /** The action stored for an event older than what was already applied (a replay): nothing was done. */
    public static final String ALREADY_APPLIED = "ALREADY_APPLIED";

    private final Pool database;

    public JobStatisticsRepository(Pool database) {
        this.database = database;
    }

    /**
     * Adds counts to a job's statistics: parameters {@code $first} (job id), then the actions, statuses and counts as
     * three arrays of the same length. Usable as a data-modifying CTE.
     */
    public static String addAllStatement(int first) {
        return "insert into job_statistics (job_id, action, status, changes, first_at, last_at) "
                + "select $" + first + ", c.action, c.status, c.changes, now(), now() from unnest($" + (first + 1)
                + "::text[], $" + (first + 2) + "::text[], $" + (first + 3) + "::int8[]) as c(action, status, changes) "
                + "on conflict (job_id, action, status) do update set changes = job_statistics.changes + "
                + "excluded.changes, last_at = excluded.last_at";
    }

    /** The parameters of {@link #addAllStatement}. */
    public static List<Object> addAllValues(UUID jobId, Map<ChangeCount, Long> counted) {
        int n = counted.size();
        String[] actions = new String[n];
        String[] statuses = new String[n];
        Long[] changes = new Long[n];
        int i = 0;
        for (Map.Entry<ChangeCount, Long> entry : counted.entrySet()) {
            actions[i] = entry.getKey().action() == null ? ALREADY_APPLIED : entry.getKey().action().name();
            statuses[i] = entry.getKey().status().name();
            changes[i] = entry.getValue();
            i++;
        }
        List<Object> values = new ArrayList<>();
        values.add(jobId);
        values.add(actions);
        values.add(statuses);
        values.add(changes);
        return values;
    }

    /** The job's statistics to date, one row per action and status it has seen. */
    public Uni<List<Counted>> of(UUID jobId) {
        return database.preparedQuery("select action, status, changes, first_at, last_at from job_statistics "
                        + "where job_id = $1 order by action, status").execute(Tuple.of(jobId))
                .map(rows -> {
                    List<Counted> counted = new ArrayList<>();
                    for (Row row : rows) {
                        counted.add(new Counted(row.getString("action"), row.getString("status"),
                                row.getLong("changes"), instant(row.getOffsetDateTime("first_at")),
                                instant(row.getOffsetDateTime("last_at"))));
                    }
                    return counted;
                });
    }

    /**
     * How many of the job's objects in scope it has done: its links (whatever their state) of objects the source
     * counted in scope at their latest decision, that no restart has marked to be evaluated again. Objects that left
     * scope (unassigned, hard-deleted) are not counted, so this compares with the source's total.
     */
    public Uni<Long> objectsDoneInScope(UUID jobId) {
        return database.preparedQuery("select count(*) from object_link where job_id = $1 and in_source_scope "
                        + "and not reevaluate")
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }

    /** One row of statistics: changes of one action and status, and when the first and the last were counted. */
    public record Counted(String action, String status, long changes, Instant firstAt, Instant lastAt) {
    }
}
