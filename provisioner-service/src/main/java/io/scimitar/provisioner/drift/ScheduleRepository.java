package io.scimitar.provisioner.drift;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reconciliation schedules in PostgreSQL (migration V22). */
@ApplicationScoped
public class ScheduleRepository {

    private final Pool database;

    public ScheduleRepository(Pool database) {
        this.database = database;
    }

    public Uni<ReconciliationSchedule> find(UUID jobId) {
        return database.preparedQuery("select * from drift_schedule where job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.size() == 0 ? ReconciliationSchedule.off() : read(rows.iterator().next()));
    }

    public Uni<Void> save(UUID jobId, ReconciliationSchedule schedule) {
        JsonObject policies = schedule.policies().toJson();
        return database.preparedQuery("""
                        insert into drift_schedule (job_id, enabled, every, daily_at, mode, policies,
                            next_run_at, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, now())
                        on conflict (job_id) do update set enabled = excluded.enabled,
                            every = excluded.every, daily_at = excluded.daily_at, mode = excluded.mode,
                            policies = excluded.policies, next_run_at = excluded.next_run_at, updated_at = now()""")
                .execute(Tuple.from(Arrays.asList(jobId, schedule.enabled(),
                        schedule.every(), schedule.dailyAt(),
                        schedule.mode().name(), policies, time(schedule.nextRun()))))
                .replaceWithVoid();
    }

    /**
     * Claims the schedules due now: each one's next run moves on (computed by the schedule) in the same statement
     * that finds it, so that only one instance starts it. Answers the claimed job ids with their schedules.
     */
    public Uni<List<Due>> claimDue(Instant now) {
        return database.preparedQuery("select * from drift_schedule where enabled and next_run_at <= $1")
                .execute(Tuple.of(time(now)))
                .onItem().transformToUni(rows -> {
                    List<Uni<Due>> claims = new ArrayList<>();
                    for (Row row : rows) {
                        UUID jobId = row.getUUID("job_id");
                        ReconciliationSchedule schedule = read(row);
                        claims.add(database.preparedQuery("update drift_schedule set next_run_at = $3, "
                                        + "last_run_at = $4 where job_id = $1 and next_run_at = $2")
                                .execute(Tuple.of(jobId, row.getOffsetDateTime("next_run_at"),
                                        time(schedule.nextAfter(now)), time(now)))
                                .map(updated -> updated.rowCount() == 1 ? new Due(jobId, schedule) : null));
                    }
                    return claims.isEmpty() ? Uni.createFrom().item(List.<Due>of())
                            : Uni.join().all(claims).andCollectFailures()
                                    .map(list -> list.stream().filter(java.util.Objects::nonNull).toList());
                });
    }

    /** A schedule claimed for a run now. */
    public record Due(UUID jobId, ReconciliationSchedule schedule) {
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static ReconciliationSchedule read(Row row) {
        JsonObject policy = row.getJsonObject("policies");
        String every = row.getString("every");
        OffsetDateTime next = row.getOffsetDateTime("next_run_at");
        OffsetDateTime last = row.getOffsetDateTime("last_run_at");
        return new ReconciliationSchedule(row.getBoolean("enabled"), every,
                row.getString("daily_at"), ReconciliationMode.valueOf(row.getString("mode")),
                RepairPolicies.fromJson(policy),
                next == null ? null : next.toInstant(), last == null ? null : last.toInstant());
    }
}
