package io.scimitar.provisioner.quarantine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** The job_quarantine table. */
@ApplicationScoped
public class QuarantineRepository {

    private final Pool database;

    public QuarantineRepository(Pool database) {
        this.database = database;
    }

    public Uni<Optional<Quarantine>> find(UUID jobId) {
        return database.preparedQuery("select * from job_quarantine where job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Stores the quarantine; a new reason starts a new one (not yet notified), the same reason keeps its start. */
    public Uni<Quarantine> enter(UUID jobId, QuarantineReason reason, String detail, Instant now, Instant next) {
        return database.preparedQuery("""
                        insert into job_quarantine (job_id, reason, detail, began_at, next_attempt, attempts)
                        values ($1, $2, $3, $4, $5, 0)
                        on conflict (job_id) do update set detail = excluded.detail,
                            began_at = case when job_quarantine.reason = excluded.reason
                                then job_quarantine.began_at else excluded.began_at end,
                            next_attempt = case when job_quarantine.reason = excluded.reason
                                then job_quarantine.next_attempt else excluded.next_attempt end,
                            attempts = case when job_quarantine.reason = excluded.reason
                                then job_quarantine.attempts else 0 end,
                            reason = excluded.reason
                        returning *""")
                .execute(Tuple.of(jobId, reason.name(), detail, now.atOffset(ZoneOffset.UTC),
                        next.atOffset(ZoneOffset.UTC)))
                .map(rows -> read(rows.iterator().next()));
    }

    public Uni<Void> attempted(UUID jobId, Instant next) {
        return database.preparedQuery("update job_quarantine set attempts = attempts + 1, next_attempt = $2 "
                        + "where job_id = $1").execute(Tuple.of(jobId, next.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Claims the episode's email: true for one caller per episode (the quarantine's row for this reason) at a time,
     * however many changes of the job enter it at once and on however many instances. A claim whose email was not
     * delivered ({@link #delivered}) can be taken again once it was taken before {@code staleBefore}: its sender
     * stopped or failed, and the email must still go. A delivered email is never claimed again for the episode.
     */
    public Uni<Boolean> claimNotification(UUID jobId, QuarantineReason reason, Instant at, Instant staleBefore) {
        return database.preparedQuery("""
                        update job_quarantine set notified_reason = $2, notified_at = $3, notification_delivered = false
                        where job_id = $1 and reason = $2 and (notified_reason is distinct from $2
                            or (not notification_delivered and notified_at < $4))""")
                .execute(Tuple.of(jobId, reason.name(), at.atOffset(ZoneOffset.UTC),
                        staleBefore.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records that the mail server took the episode's email. */
    public Uni<Void> delivered(UUID jobId, QuarantineReason reason) {
        return database.preparedQuery("update job_quarantine set notification_delivered = true "
                        + "where job_id = $1 and notified_reason = $2")
                .execute(Tuple.of(jobId, reason.name())).replaceWithVoid();
    }

    /**
     * Ends the quarantine; with a reason, only a quarantine for that reason. Without one, a TooManyDeletes quarantine
     * stays: it ends only when the deletion guard holds nothing any more (restarts neither send nor drop what it holds).
     */
    public Uni<Boolean> leave(UUID jobId, QuarantineReason onlyFor) {
        return (onlyFor == null
                ? database.preparedQuery("delete from job_quarantine where job_id = $1 and reason <> $2")
                        .execute(Tuple.of(jobId, QuarantineReason.TooManyDeletes.name()))
                : database.preparedQuery("delete from job_quarantine where job_id = $1 and reason = $2")
                        .execute(Tuple.of(jobId, onlyFor.name())))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Quarantine read(Row row) {
        QuarantineReason reason = QuarantineReason.valueOf(row.getString("reason"));
        return new Quarantine(row.getUUID("job_id"), reason, row.getString("detail"),
                row.getOffsetDateTime("began_at").toInstant(), row.getOffsetDateTime("next_attempt").toInstant(),
                row.getInteger("attempts"), reason.name().equals(row.getString("notified_reason"))
                        && row.getBoolean("notification_delivered"));
    }
}
