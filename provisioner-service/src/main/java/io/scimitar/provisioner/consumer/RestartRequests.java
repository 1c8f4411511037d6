package io.scimitar.provisioner.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The restarts waiting to be carried out ({@code job_restart}, migration V23), whatever instance took them, and the
 * PostgreSQL advisory lock that lets exactly one instance at a time carry out a job's restart (held by a connection of
 * its own: a crash of that instance ends the connection and frees the lock for another).
 */
@ApplicationScoped
public class RestartRequests {

    /** The advisory locks' first key, so they do not meet other advisory locks of the database. */
    private static final int LOCK_SPACE = 230023;

    private final Pool database;

    public RestartRequests(Pool database) {
        this.database = database;
    }

    /**
     * Stores a restart request; one still waiting merges with it: the earlier start (the whole history if either asks
     * for it), full or forced if either is, and marked again (its markers are merged in the consumer group).
     */
    public Uni<PendingRestart> request(UUID jobId, Instant from, boolean full, boolean forceDeletes) {
        return database.preparedQuery("""
                        insert into job_restart (job_id, request_id, requested_at, from_time, full_check, force_deletes)
                        values ($1, $2, now(), $3, $4, $5)
                        on conflict (job_id) do update set request_id = excluded.request_id,
                            requested_at = excluded.requested_at,
                            from_time = case when job_restart.from_time is null or excluded.from_time is null then null
                                else least(job_restart.from_time, excluded.from_time) end,
                            full_check = job_restart.full_check or excluded.full_check,
                            force_deletes = job_restart.force_deletes or excluded.force_deletes,
                            marked = false
                        returning *""")
                .execute(Tuple.of(jobId, UUID.randomUUID(), from == null ? null : from.atOffset(ZoneOffset.UTC), full,
                        forceDeletes))
                .map(rows -> read(rows.iterator().next()));
    }

    public Uni<Optional<PendingRestart>> find(UUID jobId) {
        return database.preparedQuery("select * from job_restart where job_id = $1").execute(Tuple.of(jobId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The restart's markers are committed: an instance taking it over carries it out from the stages they record. */
    public Uni<Void> marked(PendingRestart restart) {
        return database.preparedQuery("update job_restart set marked = true where job_id = $1 and request_id = $2")
                .execute(Tuple.of(restart.jobId(), restart.requestId())).replaceWithVoid();
    }

    /** The restart is carried out; answers false when a newer request came meanwhile (it stays, to be carried out). */
    public Uni<Boolean> done(PendingRestart restart) {
        return database.preparedQuery("delete from job_restart where job_id = $1 and request_id = $2")
                .execute(Tuple.of(restart.jobId(), restart.requestId())).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Takes the job's restart lock without waiting: a connection holding it, to {@link #unlock} once done, or empty
     * when another instance holds it.
     */
    public Uni<Optional<SqlConnection>> tryLock(UUID jobId) {
        return database.getConnection().chain(connection -> connection
                .preparedQuery("select pg_try_advisory_lock($1, hashtext($2)) as locked")
                .execute(Tuple.of(LOCK_SPACE, jobId.toString()))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .onFailure().call(connection::close)
                .chain(locked -> locked ? Uni.createFrom().item(Optional.of(connection))
                        : connection.close().replaceWith(Optional.<SqlConnection>empty())));
    }

    /** Frees the job's restart lock and gives the connection back. */
    public Uni<Void> unlock(SqlConnection connection, UUID jobId) {
        return connection.preparedQuery("select pg_advisory_unlock($1, hashtext($2))")
                .execute(Tuple.of(LOCK_SPACE, jobId.toString())).replaceWithVoid()
                .eventually(connection::close);
    }

    private static PendingRestart read(Row row) {
        return new PendingRestart(row.getUUID("job_id"), row.getUUID("request_id"),
                row.getOffsetDateTime("requested_at").toInstant(),
                row.getOffsetDateTime("from_time") == null ? null : row.getOffsetDateTime("from_time").toInstant(),
                row.getBoolean("full_check"), row.getBoolean("force_deletes"), row.getBoolean("marked"));
    }
}
