package io.scimitar.provisioner.escrow;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores failed changes until they are retried; one entry per object, the newest event winning. The deletion guard
 * keeps its disables and deletes here too (kinds SETTLING_DELETE, STAGED_DELETE, REJECTED_DELETE, never due;
 * RELEASED_DELETE once they may go out), so that a newer change of the object that succeeds resolves them.
 */
@ApplicationScoped
public class EscrowRepository {

    private final Pool database;

    public EscrowRepository(Pool database) {
        this.database = database;
    }

    /** Puts (or keeps) an object's change in escrow; answers the entry as stored (its attempts counted). */
    public Uni<EscrowEntry> fail(UUID jobId, String objectKey, long version, String event, Instant now,
            java.util.function.IntFunction<Instant> nextAttempt, String code, String reason, EscrowEntry.Kind kind) {
        return find(jobId, objectKey).chain(existing -> {
            boolean sameChange = existing != null && existing.objectVersion() == version;
            int attempts = sameChange ? existing.attempts() + 1 : 1;
            Instant first = sameChange ? existing.firstFailure() : now;
            EscrowEntry entry = new EscrowEntry(jobId, objectKey, version, event, attempts, first,
                    nextAttempt.apply(attempts), code, reason, kind);
            return database.preparedQuery("""
                            insert into escrow (job_id, object_key, object_version, event, attempts, first_failure,
                                next_attempt, error_code, error_reason, kind)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                            on conflict (job_id, object_key) do update set object_version = excluded.object_version,
                                event = excluded.event, attempts = excluded.attempts,
                                first_failure = excluded.first_failure, next_attempt = excluded.next_attempt,
                                error_code = excluded.error_code, error_reason = excluded.error_reason,
                                kind = excluded.kind
                            where escrow.object_version <= excluded.object_version""")
                    .execute(Tuple.tuple(List.of(jobId, objectKey, version, event, attempts,
                            first.atOffset(ZoneOffset.UTC), entry.nextAttempt().atOffset(ZoneOffset.UTC)))
                            .addValue(code).addValue(reason).addValue(kind.name()))
                    .replaceWith(entry);
        });
    }

    /**
     * Removes an object's entry if it is not newer than the change that succeeded; its parameters are the job, the
     * object's escrow key and the change's version, numbered from {@code firstParameter}.
     */
    private static String resolveStatement(int firstParameter) {
        return "delete from escrow where job_id = $" + firstParameter + " and object_key = $" + (firstParameter + 1)
                + " and object_version <= $" + (firstParameter + 2);
    }

    /**
     * Removes many entries of one job, each if it is not newer than the change that succeeded; its parameters are the
     * job, the escrow keys and the versions (arrays of the same length), numbered from {@code firstParameter}.
     */
    public static String resolveAllStatement(int firstParameter) {
        int p = firstParameter;
        return "delete from escrow e using unnest($" + (p + 1) + "::text[], $" + (p + 2) + "::bigint[])"
                + " as r(object_key, object_version) where e.job_id = $" + p + " and e.object_key = r.object_key"
                + " and e.object_version <= r.object_version";
    }

    /** Removes the object's entry if it is not newer than {@code version}: a newer state succeeded. */
    public Uni<Void> resolved(UUID jobId, String objectKey, long version) {
        return database.preparedQuery(resolveStatement(1)).execute(Tuple.of(jobId, objectKey, version))
                .replaceWithVoid();
    }

    public Uni<Void> drop(UUID jobId, String objectKey) {
        return database.preparedQuery("delete from escrow where job_id = $1 and object_key = $2")
                .execute(Tuple.of(jobId, objectKey)).replaceWithVoid();
    }

    public Uni<List<EscrowEntry>> due(UUID jobId, Instant now, int limit) {
        return database.preparedQuery("select * from escrow where job_id = $1 and kind in ('RETRY', 'RELEASED_DELETE') "
                        + "and next_attempt <= $2 order by next_attempt limit $3")
                .execute(Tuple.of(jobId, now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<EscrowEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(read(row)));
                    return entries;
                });
    }

    /** Changes waiting for a retry (not the held deletions). */
    public Uni<Long> count(UUID jobId) {
        return database.preparedQuery("select count(*) from escrow where job_id = $1 "
                        + "and kind in ('RETRY', 'RELEASED_DELETE')")
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Disables and deletes the deletion guard keeps back: settling in its window, or held. */
    public Uni<Long> countStaged(UUID jobId) {
        return database.preparedQuery("select count(*) from escrow where job_id = $1 "
                        + "and kind in ('SETTLING_DELETE', 'STAGED_DELETE')")
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Lets the held disables and deletes go out at the job's next escrow check; answers how many. */
    public Uni<Integer> release(UUID jobId, Instant now) {
        return database.preparedQuery("update escrow set kind = 'RELEASED_DELETE', next_attempt = $2 "
                        + "where job_id = $1 and kind = 'STAGED_DELETE'")
                .execute(Tuple.of(jobId, now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** Makes every failed change of the job due now, e.g. once the target accepts the job's credentials again. */
    public Uni<Integer> retryNow(UUID jobId, Instant now) {
        return database.preparedQuery("update escrow set next_attempt = $2 where job_id = $1 and kind = 'RETRY' "
                        + "and next_attempt > $2")
                .execute(Tuple.of(jobId, now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** Forgets the failed changes waiting for a retry, keeping released deletions; answers how many. */
    public Uni<Integer> clearRetries(UUID jobId) {
        return database.preparedQuery("delete from escrow where job_id = $1 and kind = 'RETRY'")
                .execute(Tuple.of(jobId)).map(rows -> rows.rowCount());
    }

    /**
     * Forgets the failed changes waiting for a retry, as a restart does in Entra; answers how many. What the deletion
     * guard keeps stays (settling, held, rejected and allowed deletions): a restart neither sends nor drops it.
     */
    public Uni<Integer> clear(UUID jobId) {
        return clearRetries(jobId);
    }

    private Uni<EscrowEntry> find(UUID jobId, String objectKey) {
        return database.preparedQuery("select * from escrow where job_id = $1 and object_key = $2")
                .execute(Tuple.of(jobId, objectKey))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    private static EscrowEntry read(Row row) {
        EscrowEntry.Kind kind = EscrowEntry.Kind.valueOf(row.getString("kind"));
        return new EscrowEntry(row.getUUID("job_id"), row.getString("object_key"), row.getLong("object_version"),
                row.getString("event"), row.getInteger("attempts"), row.getOffsetDateTime("first_failure").toInstant(),
                kind == EscrowEntry.Kind.RETRY || kind == EscrowEntry.Kind.RELEASED_DELETE
                        ? row.getOffsetDateTime("next_attempt").toInstant() : null,
                row.getString("error_code"), row.getString("error_reason"), kind);
    }
}
