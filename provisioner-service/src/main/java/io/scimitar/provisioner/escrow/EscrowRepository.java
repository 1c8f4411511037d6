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

/** Stores failed changes until they are retried; one entry per object, the newest event winning. */
@ApplicationScoped
public class EscrowRepository {

    private final Pool database;

    public EscrowRepository(Pool database) {
        this.database = database;
    }

    /** Puts (or keeps) an object's change in escrow; answers the entry as stored (its attempts counted). */
    public Uni<EscrowEntry> fail(UUID jobId, String objectKey, long version, String event, Instant now,
            java.util.function.IntFunction<Instant> nextAttempt, String code, String reason) {
        return find(jobId, objectKey).chain(existing -> {
            boolean sameChange = existing != null && existing.objectVersion() == version;
            int attempts = sameChange ? existing.attempts() + 1 : 1;
            Instant first = sameChange ? existing.firstFailure() : now;
            EscrowEntry entry = new EscrowEntry(jobId, objectKey, version, event, attempts, first,
                    nextAttempt.apply(attempts), code, reason);
            return database.preparedQuery("""
                            insert into escrow (job_id, object_key, object_version, event, attempts, first_failure,
                                next_attempt, error_code, error_reason)
                            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                            on conflict (job_id, object_key) do update set object_version = excluded.object_version,
                                event = excluded.event, attempts = excluded.attempts,
                                first_failure = excluded.first_failure, next_attempt = excluded.next_attempt,
                                error_code = excluded.error_code, error_reason = excluded.error_reason
                            where escrow.object_version <= excluded.object_version""")
                    .execute(Tuple.tuple(List.of(jobId, objectKey, version, event, attempts,
                            first.atOffset(ZoneOffset.UTC), entry.nextAttempt().atOffset(ZoneOffset.UTC)))
                            .addValue(code).addValue(reason))
                    .replaceWith(entry);
        });
    }

    /** Removes the object's entry if it is not newer than {@code version}: a newer state succeeded. */
    public Uni<Void> resolved(UUID jobId, String objectKey, long version) {
        return database.preparedQuery("delete from escrow where job_id = $1 and object_key = $2 "
                        + "and object_version <= $3").execute(Tuple.of(jobId, objectKey, version)).replaceWithVoid();
    }

    public Uni<Void> drop(UUID jobId, String objectKey) {
        return database.preparedQuery("delete from escrow where job_id = $1 and object_key = $2")
                .execute(Tuple.of(jobId, objectKey)).replaceWithVoid();
    }

    public Uni<List<EscrowEntry>> due(UUID jobId, Instant now, int limit) {
        return database.preparedQuery("select * from escrow where job_id = $1 and next_attempt <= $2 "
                        + "order by next_attempt limit $3")
                .execute(Tuple.of(jobId, now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<EscrowEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(read(row)));
                    return entries;
                });
    }

    public Uni<Long> count(UUID jobId) {
        return database.preparedQuery("select count(*) from escrow where job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<EscrowEntry> find(UUID jobId, String objectKey) {
        return database.preparedQuery("select * from escrow where job_id = $1 and object_key = $2")
                .execute(Tuple.of(jobId, objectKey))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    private static EscrowEntry read(Row row) {
        return new EscrowEntry(row.getUUID("job_id"), row.getString("object_key"), row.getLong("object_version"),
                row.getString("event"), row.getInteger("attempts"), row.getOffsetDateTime("first_failure").toInstant(),
                row.getOffsetDateTime("next_attempt").toInstant(), row.getString("error_code"),
                row.getString("error_reason"));
    }
}
