package io.scimitar.provisioner.quarantine;

import io.scimitar.provisioner.pipeline.PendingWrites.WindowChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Each job's failure-share window as stored ({@code job_recent_outcome}, migration V20), written by each poll in the
 * statement that stores its links and log entries ({@link #recordAllStatement}, {@link #dropAllStatement}), so a new
 * process of the provisioner goes on judging from what went before.
 */
@ApplicationScoped
public class RecentOutcomesRepository {

    private final Pool database;

    public RecentOutcomesRepository(Pool database) {
        this.database = database;
    }

    /**
     * Stores changes recorded in a job's window: parameters {@code $first} (job id), then changes, outcomes (true:
     * failed) and sequence numbers as three arrays of the same length. Usable as a data-modifying CTE.
     */
    public static String recordAllStatement(int first) {
        return "insert into job_recent_outcome (job_id, change, failed, sequence) select $" + first
                + ", w.change, w.failed, w.sequence from unnest($" + (first + 1) + "::text[], $" + (first + 2)
                + "::bool[], $" + (first + 3) + "::int8[]) as w(change, failed, sequence) "
                + "on conflict (job_id, change) do update set failed = excluded.failed, sequence = excluded.sequence";
    }

    /** The parameters of {@link #recordAllStatement}: the changes of {@code window} that were recorded. */
    public static List<Object> recordAllValues(UUID jobId, List<WindowChange> window) {
        List<WindowChange> recorded = window.stream().filter(change -> !change.slidOut()).toList();
        List<Object> values = new ArrayList<>();
        values.add(jobId);
        values.add(recorded.stream().map(WindowChange::change).toArray(String[]::new));
        values.add(recorded.stream().map(WindowChange::failed).toArray(Boolean[]::new));
        values.add(recorded.stream().map(WindowChange::sequence).toArray(Long[]::new));
        return values;
    }

    /**
     * Deletes changes that slid out of a job's window: parameters {@code $first} (job id) and {@code $first + 1} (the
     * changes). Usable as a data-modifying CTE.
     */
    public static String dropAllStatement(int first) {
        return "delete from job_recent_outcome where job_id = $" + first + " and change = any($" + (first + 1)
                + "::text[])";
    }

    /** The parameters of {@link #dropAllStatement}: the changes of {@code window} that slid out. */
    public static List<Object> dropAllValues(UUID jobId, List<WindowChange> window) {
        return List.of(jobId, window.stream().filter(WindowChange::slidOut).map(WindowChange::change)
                .toArray(String[]::new));
    }

    /** The newest {@code capacity} changes of a job's window, oldest first. */
    public Uni<List<RecentOutcomes.Stored>> newest(UUID jobId, int capacity) {
        return database.preparedQuery("select change, failed, sequence from job_recent_outcome where job_id = $1 "
                        + "order by sequence desc limit $2").execute(Tuple.of(jobId, capacity))
                .map(rows -> {
                    List<RecentOutcomes.Stored> stored = new ArrayList<>();
                    for (Row row : rows) {
                        stored.add(new RecentOutcomes.Stored(row.getString("change"), row.getBoolean("failed"),
                                row.getLong("sequence")));
                    }
                    Collections.reverse(stored);
                    return stored;
                });
    }

    /** Empties a job's window (its quarantine was lifted: it is judged afresh). */
    public Uni<Void> clear(UUID jobId) {
        return database.preparedQuery("delete from job_recent_outcome where job_id = $1").execute(Tuple.of(jobId))
                .replaceWithVoid();
    }
}
