package io.scimitar.provisioner.targetindex;

import io.scimitar.provisioner.link.ObjectType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The target index in PostgreSQL: reads, the objects each found, and their matching values (migration V9). */
@ApplicationScoped
public class TargetIndexRepository {

    /** A page's objects and their values, in one statement. */
    private static final String INSERT_PAGE = """
            with objects as (
                insert into target_index_object (read_id, target_id, resource)
                select $1, t, r from unnest($2::text[], $3::text[]) as o(t, r)
                on conflict do nothing)
            insert into target_index_value (read_id, attribute, value, target_id)
            select $1, a, v, t from unnest($4::text[], $5::text[], $6::text[]) as v(a, v, t)""";

    private final Pool database;

    public TargetIndexRepository(Pool database) {
        this.database = database;
    }

    /** Records the start of a read. */
    public Uni<Void> begin(UUID readId, UUID jobId, ObjectType type, List<String> attributes) {
        return database.preparedQuery("insert into target_index_read (read_id, job_id, object_type, attributes, "
                        + "state) values ($1, $2, $3, $4, 'READING')")
                .execute(Tuple.of(readId, jobId, type.name(), attributes.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Adds one page of objects to a read. */
    public Uni<Void> insert(UUID readId, List<IndexedObject> objects) {
        if (objects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> valueIds = new ArrayList<>();
        for (IndexedObject object : objects) {
            ids.add(object.targetId());
            resources.add(object.resource());
            object.values().forEach((attribute, set) -> set.forEach(value -> {
                attributes.add(attribute);
                values.add(value);
                valueIds.add(object.targetId());
            }));
        }
        return database.preparedQuery(INSERT_PAGE)
                .execute(Tuple.from(Arrays.asList(readId, ids.toArray(String[]::new),
                        resources.toArray(String[]::new), attributes.toArray(String[]::new),
                        values.toArray(String[]::new), valueIds.toArray(String[]::new))))
                .replaceWithVoid();
    }

    /**
     * Marks a read complete and drops the job's other reads of the type, except one still going on (another
     * instance's, started within the hour), and the reads of jobs deleted since.
     */
    public Uni<Void> complete(UUID readId, UUID jobId, ObjectType type, int objects) {
        return complete(readId, jobId, type, objects, true);
    }

    /**
     * Marks a read complete; {@code replacing}: as {@link #complete(UUID, UUID, ObjectType, int)}; otherwise (a
     * take-over preview's read) the job's other reads stay (a running job's is in use), and this one is dropped at
     * once when a read of the job started after it is complete already: one copy of the target is kept either way.
     */
    public Uni<Void> complete(UUID readId, UUID jobId, ObjectType type, int objects, boolean replacing) {
        return database.withTransaction(connection -> connection
                .preparedQuery("update target_index_read set state = 'COMPLETE', objects = $2, finished_at = now() "
                        + "where read_id = $1")
                .execute(Tuple.of(readId, objects))
                .chain(() -> connection.preparedQuery(replacing
                                ? "delete from target_index_read where job_id = $1 and object_type = $2 "
                                        + "and read_id <> $3 and (state <> 'READING' "
                                        + "or started_at < now() - interval '1 hour')"
                                : "delete from target_index_read r where r.read_id = $3 and exists (select 1 "
                                        + "from target_index_read n where n.job_id = $1 and n.object_type = $2 "
                                        + "and n.read_id <> $3 and n.state = 'COMPLETE' "
                                        + "and n.started_at > r.started_at)")
                        .execute(Tuple.of(jobId, type.name(), readId)))
                .chain(() -> connection.preparedQuery("delete from target_index_read r where not exists "
                                + "(select 1 from provisioning_job j where j.id = r.job_id) "
                                + "and r.started_at < now() - interval '1 hour'")
                        .execute()))
                .replaceWithVoid();
    }

    /** Drops a read that did not finish, with what it found. */
    public Uni<Void> drop(UUID readId) {
        return database.preparedQuery("delete from target_index_read where read_id = $1")
                .execute(Tuple.of(readId)).replaceWithVoid();
    }

    /** The newest complete read of a job's objects of {@code type}, if any. */
    public Uni<Optional<IndexView>> latestComplete(UUID jobId, ObjectType type) {
        return database.preparedQuery("select read_id, attributes, objects, finished_at from target_index_read "
                        + "where job_id = $1 and object_type = $2 and state = 'COMPLETE' "
                        + "order by finished_at desc limit 1")
                .execute(Tuple.of(jobId, type.name()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    Instant finished = row.getOffsetDateTime("finished_at").toInstant();
                    return Optional.of(new IndexView(IndexStatus.COMPLETE, row.getUUID("read_id"),
                            Arrays.asList(row.getArrayOfStrings("attributes")), row.getInteger("objects"), finished,
                            null));
                });
    }

    /**
     * A read of the job's objects of {@code type} going on (any instance's, started within the hour), with the
     * objects it found so far, if any.
     */
    public Uni<Optional<IndexView>> reading(UUID jobId, ObjectType type) {
        return database.preparedQuery("select r.read_id, r.attributes, r.started_at, (select count(*) from "
                        + "target_index_object o where o.read_id = r.read_id) as found from target_index_read r "
                        + "where r.job_id = $1 and r.object_type = $2 and r.state = 'READING' "
                        + "and r.started_at >= now() - interval '1 hour' order by r.started_at desc limit 1")
                .execute(Tuple.of(jobId, type.name()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new IndexView(IndexStatus.READING, row.getUUID("read_id"),
                            Arrays.asList(row.getArrayOfStrings("attributes")), row.getLong("found").intValue(),
                            row.getOffsetDateTime("started_at").toInstant(), null));
                });
    }

    /** The objects of a read holding any of {@code values} (normalised) for the attribute at the same position. */
    public Uni<List<IndexHit>> lookup(UUID readId, List<String> attributes, List<String> values) {
        return database.preparedQuery("select v.attribute, v.value, v.target_id, o.resource "
                        + "from target_index_value v join target_index_object o on o.read_id = v.read_id and o.target_id = v.target_id "
                        + "where v.read_id = $1 and (v.attribute, v.value) in "
                        + "(select * from unnest($2::text[], $3::text[]))")
                .execute(Tuple.of(readId, attributes.toArray(String[]::new), values.toArray(String[]::new)))
                .map(rows -> {
                    List<IndexHit> hits = new ArrayList<>();
                    rows.forEach(row -> hits.add(new IndexHit(row.getString("attribute"), row.getString("value"),
                            row.getString("target_id"), row.getString("resource"))));
                    return hits;
                });
    }

}
