package io.scimitar.provisioner.deletions;

import io.scimitar.provisioner.pipeline.PendingDeletions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The deletion guard's state (table {@code deletion_guard}, {@code deletion_release}) and the escrow rows of the
 * disables and deletes it keeps (kinds {@code SETTLING_DELETE}, {@code STAGED_DELETE}, {@code REJECTED_DELETE}).
 * Every decision about a job runs in a transaction holding the job's {@code deletion_guard} row, so concurrent
 * changes of one job, and several instances, count each deletion once and trip once.
 */
@ApplicationScoped
public class DeletionGuardRepository implements PendingDeletions {

    private static final String GUARDED_KINDS = "('SETTLING_DELETE', 'STAGED_DELETE', 'REJECTED_DELETE')";

    private final Pool database;

    public DeletionGuardRepository(Pool database) {
        this.database = database;
    }

    /**
     * Decides one disable or delete: an object already decided at this version keeps its decision (a replay or a
     * poll read again counts nothing); otherwise it joins the settle window, or is held once the guard tripped; the
     * one that takes the count past {@code threshold} trips it and holds every deletion of the window.
     */
    public Uni<Admission> admit(GuardedDeletion deletion, int threshold, Duration countingWindow, String heldReason) {
        UUID job = deletion.jobId();
        return database.withTransaction(connection -> lock(connection, job).chain(tripped -> connection
                .preparedQuery("select kind from escrow where job_id = $1 and object_key = $2 and object_version >= $3")
                .execute(Tuple.of(job, deletion.objectKey(), deletion.objectVersion()))
                .chain(existing -> {
                    String kind = existing.size() == 0 ? null : existing.iterator().next().getString("kind");
                    if ("RELEASED_DELETE".equals(kind)) {
                        return Uni.createFrom().item(new Admission(Admission.Verdict.SEND, 0));
                    }
                    if ("REJECTED_DELETE".equals(kind)) {
                        return Uni.createFrom().item(new Admission(Admission.Verdict.REJECTED, 0));
                    }
                    if ("STAGED_DELETE".equals(kind) || (kind == null && tripped)) {
                        return store(connection, deletion, "STAGED_DELETE", "TooManyDeletes", heldReason)
                                .replaceWith(new Admission(Admission.Verdict.HELD, 0));
                    }
                    Uni<Void> stored = "SETTLING_DELETE".equals(kind) ? Uni.createFrom().voidItem()
                            : store(connection, deletion, "SETTLING_DELETE", "DeletionSettling",
                                    "Waiting for the rest of its burst to be counted");
                    return stored.chain(() -> count(connection, job, countingWindow)).chain(count -> count > threshold
                            ? trip(connection, job, heldReason).replaceWith(new Admission(Admission.Verdict.TRIPPED,
                                    count))
                            : Uni.createFrom().item(new Admission(Admission.Verdict.SETTLING, count)));
                })));
    }

    /** Locks the job's guard row (creating it); answers whether the guard has tripped. */
    private static Uni<Boolean> lock(SqlConnection connection, UUID job) {
        return connection.preparedQuery("insert into deletion_guard (job_id) values ($1) on conflict (job_id) do nothing")
                .execute(Tuple.of(job))
                .chain(() -> connection.preparedQuery("select tripped_at from deletion_guard where job_id = $1 for update")
                        .execute(Tuple.of(job)))
                .map(rows -> rows.iterator().next().getValue("tripped_at") != null);
    }

    private static Uni<Void> store(SqlConnection connection, GuardedDeletion d, String kind, String code,
            String reason) {
        return connection.preparedQuery("""
                        insert into escrow (job_id, object_key, object_version, event, attempts, first_failure,
                            next_attempt, error_code, error_reason, kind, object_type, deletion_action, deletion_cause,
                            user_principal_name, display_name, target_id)
                        values ($1, $2, $3, $4, 0, now(), 'infinity', $5, $6, $7, $8, $9, $10, $11, $12, $13)
                        on conflict (job_id, object_key) do update set object_version = excluded.object_version,
                            event = excluded.event, attempts = 0, first_failure = excluded.first_failure,
                            next_attempt = excluded.next_attempt, error_code = excluded.error_code,
                            error_reason = excluded.error_reason, kind = excluded.kind,
                            object_type = excluded.object_type, deletion_action = excluded.deletion_action,
                            deletion_cause = excluded.deletion_cause,
                            user_principal_name = excluded.user_principal_name,
                            display_name = excluded.display_name, target_id = excluded.target_id
                        where escrow.object_version <= excluded.object_version""")
                .execute(Tuple.tuple(List.of(d.jobId(), d.objectKey(), d.objectVersion(), d.event(), code, reason,
                        kind, d.objectType(), d.action().name(), d.cause().name()))
                        .addValue(d.userPrincipalName()).addValue(d.displayName()).addValue(d.targetId()))
                .replaceWithVoid();
    }

    /** The deletions of the settle window plus those it let out within the counting window. */
    private static Uni<Long> count(SqlConnection connection, UUID job, Duration countingWindow) {
        return connection.preparedQuery("""
                        select (select count(*) from escrow where job_id = $1 and kind = 'SETTLING_DELETE')
                            + coalesce((select sum(released) from deletion_release where job_id = $1
                                and released_at > now() - coalesce((select counting_minutes from deletion_guard
                                    where job_id = $1), $2) * interval '1 minute'), 0)""")
                .execute(Tuple.of(job, minutes(countingWindow)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Uni<Void> trip(SqlConnection connection, UUID job, String heldReason) {
        return connection.preparedQuery("update escrow set kind = 'STAGED_DELETE', error_code = 'TooManyDeletes', "
                        + "error_reason = $2 where job_id = $1 and kind = 'SETTLING_DELETE'")
                .execute(Tuple.of(job, heldReason))
                .chain(() -> connection.preparedQuery("update deletion_guard set tripped_at = now(), "
                        + "rejected_at = null where job_id = $1").execute(Tuple.of(job)))
                .replaceWithVoid();
    }

    /**
     * Sends the deletions of every settle window that is over (no new one for the job's settle time, or open for its
     * whole counting window) while the guard has not tripped; answers how many went out per job.
     */
    public Uni<List<UUID>> releaseSettled(Duration settleWindow, Duration countingWindow) {
        return database.withTransaction(connection -> connection.preparedQuery("""
                        with closing as (
                            select g.job_id from deletion_guard g
                            where g.tripped_at is null
                              and exists (select 1 from escrow e where e.job_id = g.job_id
                                  and e.kind = 'SETTLING_DELETE')
                              and now() >= (select least(
                                      max(e.first_failure) + coalesce(g.settle_seconds, $1) * interval '1 second',
                                      min(e.first_failure) + coalesce(g.counting_minutes, $2) * interval '1 minute')
                                  from escrow e where e.job_id = g.job_id and e.kind = 'SETTLING_DELETE')
                            for update of g),
                        released as (
                            update escrow e set kind = 'RELEASED_DELETE', next_attempt = now(),
                                error_code = 'DeletionReleased',
                                error_reason = 'Released by the deletion guard: its burst stayed within the threshold'
                            from closing c where e.job_id = c.job_id and e.kind = 'SETTLING_DELETE'
                            returning e.job_id)
                        insert into deletion_release (job_id, released_at, released)
                        select job_id, now(), count(*) from released group by job_id
                        returning job_id""")
                .execute(Tuple.of(seconds(settleWindow), minutes(countingWindow)))
                .map(DeletionGuardRepository::jobIds));
    }

    /**
     * Ends the episodes whose cause is gone: nothing held or rejected is left (newer changes of the objects resolved
     * them, or an administrator allowed or cleared them). Answers the jobs whose episode ended.
     */
    public Uni<List<UUID>> endSettledEpisodes(Duration countingWindow) {
        return database.withTransaction(connection -> connection
                .preparedQuery("select job_id from deletion_guard where tripped_at is not null for update").execute()
                .chain(locked -> {
                    List<UUID> jobs = jobIds(locked);
                    if (jobs.isEmpty()) {
                        return Uni.createFrom().item(List.<UUID>of());
                    }
                    return connection.preparedQuery("update deletion_guard g set tripped_at = null, rejected_at = null "
                                    + "where g.job_id = any($1) and not exists (select 1 from escrow e "
                                    + "where e.job_id = g.job_id and e.kind in ('STAGED_DELETE', 'REJECTED_DELETE')) "
                                    + "returning job_id")
                            .execute(Tuple.of(jobs.toArray(UUID[]::new))).map(DeletionGuardRepository::jobIds);
                })
                .call(() -> connection.preparedQuery("delete from deletion_release where released_at < now() - "
                        + "$1 * interval '1 minute' * 2").execute(Tuple.of(minutes(countingWindow)))));
    }

    /** Lets every held deletion out (and those settling); ends the episode when nothing rejected is left. */
    public Uni<Decision> allow(UUID job) {
        return decide(job, "update escrow set kind = 'RELEASED_DELETE', next_attempt = now(), "
                + "error_code = 'DeletionAllowed', error_reason = 'Allowed by an administrator' "
                + "where job_id = $1 and kind in ('STAGED_DELETE', 'SETTLING_DELETE') returning " + COLUMNS, false);
    }

    /** Rejects every held deletion: it is never sent; the episode goes on until the cause is fixed or cleared. */
    public Uni<Decision> reject(UUID job) {
        return decide(job, "update escrow set kind = 'REJECTED_DELETE', error_code = 'DeletionRejected', "
                + "error_reason = 'Rejected by an administrator: not sent' "
                + "where job_id = $1 and kind = 'STAGED_DELETE' returning " + COLUMNS, true);
    }

    /** Forgets the rejected deletions; ends the episode when nothing held is left. */
    public Uni<Decision> clear(UUID job) {
        return decide(job, "delete from escrow where job_id = $1 and kind = 'REJECTED_DELETE' returning " + COLUMNS,
                false);
    }

    private static final String COLUMNS = "job_id, object_key, object_version, kind, first_failure, object_type, "
            + "deletion_action, deletion_cause, user_principal_name, display_name, target_id, event";

    private Uni<Decision> decide(UUID job, String statement, boolean rejects) {
        return database.withTransaction(connection -> lock(connection, job).chain(wasTripped -> connection
                .preparedQuery(statement).execute(Tuple.of(job))
                .chain(rows -> {
                    List<HeldDeletion> decided = new ArrayList<>();
                    rows.forEach(row -> decided.add(read(row)));
                    return connection.preparedQuery("update deletion_guard g set tripped_at = null, rejected_at = null "
                                    + "where job_id = $1 and not exists (select 1 from escrow e where e.job_id = $1 "
                                    + "and e.kind in ('STAGED_DELETE', 'REJECTED_DELETE')) returning job_id")
                            .execute(Tuple.of(job))
                            .chain(ended -> rejects && !decided.isEmpty()
                                    ? connection.preparedQuery("update deletion_guard set rejected_at = now() "
                                            + "where job_id = $1").execute(Tuple.of(job)).replaceWith(ended)
                                    : Uni.createFrom().item(ended))
                            .map(ended -> new Decision(decided, wasTripped, wasTripped && ended.rowCount() > 0));
                })));
    }

    /** The deletions the guard keeps for a job (settling, held, rejected, then allowed ones going out), oldest first. */
    public Uni<List<HeldDeletion>> list(UUID job, int limit) {
        return database.preparedQuery("select " + COLUMNS + " from escrow where job_id = $1 and deletion_action is not "
                        + "null and kind <> 'RETRY' order by case kind when 'STAGED_DELETE' then 0 when "
                        + "'SETTLING_DELETE' then 1 when 'REJECTED_DELETE' then 2 else 3 end, first_failure, "
                        + "object_key limit $2")
                .execute(Tuple.of(job, limit))
                .map(rows -> {
                    List<HeldDeletion> held = new ArrayList<>();
                    rows.forEach(row -> held.add(read(row)));
                    return held;
                });
    }

    @Override
    public Uni<Set<String>> pendingDeletions(UUID job, Collection<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return database.preparedQuery("select object_key from escrow where job_id = $1 and object_key = any($2) "
                        + "and deletion_action is not null "
                        + "and kind in ('SETTLING_DELETE', 'STAGED_DELETE', 'RELEASED_DELETE')")
                .execute(Tuple.of(job, objectKeys.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> pending = new HashSet<>();
                    rows.forEach(row -> pending.add(row.getString("object_key")));
                    return pending;
                });
    }

    /** The guard's state and settings for a job. */
    public Uni<GuardState> state(UUID job, Duration countingWindow) {
        return database.preparedQuery("""
                        select g.settle_seconds, g.counting_minutes, g.tripped_at, g.rejected_at,
                            (select count(*) from escrow e where e.job_id = $1 and e.kind = 'SETTLING_DELETE') settling,
                            (select count(*) from escrow e where e.job_id = $1 and e.kind = 'STAGED_DELETE') held,
                            (select count(*) from escrow e where e.job_id = $1 and e.kind = 'REJECTED_DELETE') rejected,
                            coalesce((select sum(released) from deletion_release r where r.job_id = $1
                                and r.released_at > now() - coalesce(g.counting_minutes, $2) * interval '1 minute'), 0)
                                released
                        from (select $1::uuid job_id) j left join deletion_guard g on g.job_id = j.job_id""")
                .execute(Tuple.of(job, minutes(countingWindow)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new GuardState(row.getInteger("settle_seconds"), row.getInteger("counting_minutes"),
                            instant(row, "tripped_at"), instant(row, "rejected_at"), row.getLong("settling"),
                            row.getLong("held"), row.getLong("rejected"), row.getLong("released"));
                });
    }

    /** Stores the job's own windows (null: the service's default). */
    public Uni<Void> configure(UUID job, Integer settleSeconds, Integer countingMinutes) {
        return database.preparedQuery("""
                        insert into deletion_guard (job_id, settle_seconds, counting_minutes) values ($1, $2, $3)
                        on conflict (job_id) do update set settle_seconds = excluded.settle_seconds,
                            counting_minutes = excluded.counting_minutes""")
                .execute(Tuple.of(job, settleSeconds, countingMinutes)).replaceWithVoid();
    }

    /** What an administrator's decision changed. */
    public record Decision(List<HeldDeletion> deletions, boolean wasTripped, boolean episodeEnded) {
    }

    /** The guard's per-job state; null windows take the service's defaults. */
    public record GuardState(Integer settleSeconds, Integer countingMinutes, Instant trippedAt, Instant rejectedAt,
            long settling, long held, long rejected, long releasedInWindow) {
    }

    private static HeldDeletion read(Row row) {
        return new HeldDeletion(row.getString("object_key"), row.getLong("object_version"), row.getString("kind"),
                row.getOffsetDateTime("first_failure").toInstant(), row.getString("object_type"),
                row.getString("deletion_action"), row.getString("deletion_cause"),
                row.getString("user_principal_name"), row.getString("display_name"), row.getString("target_id"),
                row.getString("event"));
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column) == null ? null : row.getOffsetDateTime(column).toInstant();
    }

    private static List<UUID> jobIds(RowSet<Row> rows) {
        List<UUID> jobs = new ArrayList<>();
        rows.forEach(row -> jobs.add(row.getUUID("job_id")));
        return jobs;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    private static long minutes(Duration duration) {
        return Math.max(1, duration.toMinutes());
    }
}
