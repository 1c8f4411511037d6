package io.scimitar.provisioner.link;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stores links between source and target objects. */
@ApplicationScoped
public class LinkRepository {

    /** Inserts or replaces a link; its parameters ($1 to $9) are {@link #upsertValues}. */
    private static final String UPSERT = """
            insert into object_link (job_id, object_type, source_id, target_id, state, exported, source_version,
                display_name, in_source_scope, updated_at, reevaluate)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), false)
            on conflict (job_id, object_type, source_id) do update set target_id = excluded.target_id,
                state = excluded.state, exported = excluded.exported, source_version = excluded.source_version,
                display_name = excluded.display_name, in_source_scope = excluded.in_source_scope,
                updated_at = now(), reevaluate = false""";

    private final Pool database;

    /**
     * Inserts or replaces many links of one job in one statement (a batch's links: one per object, or the statement
     * is refused), with its parameters numbered from {@code firstParameter}; they are {@link #upsertAllValues}.
     */
    public static String upsertAllStatement(int firstParameter) {
        int p = firstParameter;
        return "insert into object_link (job_id, object_type, source_id, target_id, state, exported, source_version,"
                + " display_name, in_source_scope, updated_at, reevaluate)"
                + " select $" + p + ", l.object_type, l.source_id, l.target_id, l.state, l.exported::jsonb,"
                + " l.source_version, l.display_name, l.in_source_scope, now(), false"
                + " from unnest($" + (p + 1) + "::text[], $" + (p + 2) + "::text[], $" + (p + 3) + "::text[], $"
                + (p + 4) + "::text[], $" + (p + 5) + "::text[], $" + (p + 6) + "::bigint[], $" + (p + 7)
                + "::text[], $" + (p + 8) + "::boolean[]) as l(object_type, source_id, target_id, state, exported,"
                + " source_version, display_name, in_source_scope)"
                + " on conflict (job_id, object_type, source_id) do update set target_id = excluded.target_id,"
                + " state = excluded.state, exported = excluded.exported, source_version = excluded.source_version,"
                + " display_name = excluded.display_name, in_source_scope = excluded.in_source_scope,"
                + " updated_at = now(), reevaluate = false";
    }

    /** The parameters of {@link #upsertAllStatement} for {@code links} of job {@code jobId}: job, then columns. */
    public static List<Object> upsertAllValues(UUID jobId, Collection<ObjectLink> links) {
        int n = links.size();
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] targets = new String[n];
        String[] states = new String[n];
        String[] exported = new String[n];
        Long[] versions = new Long[n];
        String[] names = new String[n];
        Boolean[] inSourceScope = new Boolean[n];
        int i = 0;
        for (ObjectLink link : links) {
            types[i] = link.objectType().name();
            sources[i] = link.sourceId();
            targets[i] = link.targetId();
            states[i] = link.state().name();
            exported[i] = new JsonObject(new HashMap<>(link.exported())).encode();
            versions[i] = link.sourceVersion();
            names[i] = link.displayName();
            inSourceScope[i] = link.inSourceScope();
            i++;
        }
        return Arrays.asList(jobId, types, sources, targets, states, exported, versions, names, inSourceScope);
    }

    public LinkRepository(Pool database) {
        this.database = database;
    }

    public Uni<Optional<ObjectLink>> find(UUID jobId, ObjectType type, String sourceId) {
        return database.preparedQuery("select * from object_link where job_id = $1 and object_type = $2 "
                        + "and source_id = $3").execute(Tuple.of(jobId, type.name(), sourceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    public Uni<Void> save(ObjectLink link) {
        return database.preparedQuery(UPSERT).execute(Tuple.from(upsertValues(link))).replaceWithVoid();
    }

    /** The parameters of {@link #UPSERT} for {@code link}, in order. */
    private static List<Object> upsertValues(ObjectLink link) {
        return Arrays.asList(link.jobId(), link.objectType().name(), link.sourceId(), link.targetId(),
                link.state().name(), new JsonObject(new HashMap<>(link.exported())), link.sourceVersion(),
                link.displayName(), link.inSourceScope());
    }

    /** The stored links of {@code type} among {@code sourceIds} (one query), by source id. */
    public Uni<Map<String, ObjectLink>> findAll(UUID jobId, ObjectType type, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select * from object_link where job_id = $1 and object_type = $2 "
                        + "and source_id = any($3)")
                .execute(Tuple.of(jobId, type.name(), sourceIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ObjectLink> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("source_id"), read(row)));
                    return found;
                });
    }

    /** Target ids of the active user links among {@code sourceIds}, by source id. */
    public Uni<Map<String, String>> activeUserTargets(UUID jobId, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select source_id, target_id from object_link where job_id = $1 "
                        + "and object_type = 'USER' and state = 'ACTIVE' and target_id is not null "
                        + "and source_id = any($2)")
                .execute(Tuple.of(jobId, sourceIds.toArray(String[]::new)))
                .map(LinkRepository::targetsBySource);
    }

    /** Target ids of the user links among {@code sourceIds} in any state but deleted, by source id. */
    public Uni<Map<String, String>> userTargets(UUID jobId, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select source_id, target_id from object_link where job_id = $1 "
                        + "and object_type = 'USER' and state <> 'DELETED' and target_id is not null "
                        + "and source_id = any($2)")
                .execute(Tuple.of(jobId, sourceIds.toArray(String[]::new)))
                .map(LinkRepository::targetsBySource);
    }

    private static Map<String, String> targetsBySource(RowSet<Row> rows) {
        Map<String, String> targets = new HashMap<>();
        rows.forEach(row -> targets.put(row.getString("source_id"), row.getString("target_id")));
        return targets;
    }

    private static ObjectLink read(Row row) {
        JsonObject exported = row.getJsonObject("exported");
        return new ObjectLink(row.getUUID("job_id"), ObjectType.valueOf(row.getString("object_type")),
                row.getString("source_id"), row.getString("target_id"), LinkState.valueOf(row.getString("state")),
                exported == null ? Map.of() : exported.getMap(), row.getLong("source_version"),
                row.getString("display_name"), row.getBoolean("in_source_scope"), row.getBoolean("reevaluate"));
    }

    /** A restart: the newest known event of every object of the job is evaluated again when the replay reaches it. */
    public Uni<Integer> markForReevaluation(UUID jobId) {
        return database.preparedQuery("update object_link set reevaluate = true where job_id = $1")
                .execute(Tuple.of(jobId)).map(rows -> rows.rowCount());
    }

    /** Provision on demand: the object's newest known event is evaluated again even though it was applied. */
    public Uni<Void> markForReevaluation(UUID jobId, ObjectType type, String sourceId) {
        return database.preparedQuery("update object_link set reevaluate = true where job_id = $1 "
                + "and object_type = $2 and source_id = $3").execute(Tuple.of(jobId, type.name(), sourceId))
                .replaceWithVoid();
    }

    /**
     * A full restart, once the job read its target: every provisioned link of {@code type} whose target object the
     * read {@code readId} did not find is unlinked (no target id, {@code NOT_PROVISIONED}, nothing exported; its
     * version kept, so no older event applies), and its memberships are marked as not in the target, so that the
     * object's newest state re-creates it with one POST and its members are added again. Deleted links stay as they
     * are. Answers how many links were unlinked. The links themselves are never deleted.
     */
    public Uni<Integer> unlinkMissingTargets(UUID jobId, ObjectType type, UUID readId) {
        String membershipColumn = type == ObjectType.USER ? "member_id" : "group_id";
        return database.preparedQuery("""
                        with gone as (
                            update object_link l set target_id = null, state = 'NOT_PROVISIONED',
                                exported = '{}'::jsonb, reevaluate = true, updated_at = now()
                            where l.job_id = $1 and l.object_type = $2 and l.target_id is not null
                                and l.state in ('ACTIVE', 'DISABLED')
                                and not exists (select 1 from target_index_object o
                                    where o.read_id = $3 and o.target_id = l.target_id)
                            returning l.source_id),
                        memberships as (
                            update group_membership m set exported = false
                            where m.job_id = $1 and m.exported and m.COLUMN in (select source_id from gone)
                            returning 1)
                        select count(*) from gone""".replace("COLUMN", membershipColumn))
                .execute(Tuple.of(jobId, type.name(), readId))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /**
     * The target object of one link answered 404 where it was expected: the link is unlinked as
     * {@link #unlinkMissingTargets} does (only while it still names {@code targetId}), and its memberships are marked as
     * not in the target. Answers whether it was.
     */
    public Uni<Boolean> unlinkGoneTarget(UUID jobId, ObjectType type, String sourceId, String targetId) {
        String membershipColumn = type == ObjectType.USER ? "member_id" : "group_id";
        return database.preparedQuery("""
                        with gone as (
                            update object_link l set target_id = null, state = 'NOT_PROVISIONED',
                                exported = '{}'::jsonb, reevaluate = true, updated_at = now()
                            where l.job_id = $1 and l.object_type = $2 and l.source_id = $3 and l.target_id = $4
                                and l.state in ('ACTIVE', 'DISABLED')
                            returning l.source_id),
                        memberships as (
                            update group_membership m set exported = false
                            where m.job_id = $1 and m.exported and m.COLUMN in (select source_id from gone)
                            returning 1)
                        select count(*) from gone""".replace("COLUMN", membershipColumn))
                .execute(Tuple.of(jobId, type.name(), sourceId, targetId))
                .map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    /**
     * A page of the job's provisioned links of {@code type} (by source id, after {@code afterSourceId}) whose target
     * object the read {@code readId} holds, with that object's resource as read.
     */
    public Uni<List<LinkedTargetResource>> linkedTargetResources(UUID jobId, ObjectType type, UUID readId,
            String afterSourceId, int limit) {
        return database.preparedQuery("""
                        select l.source_id, l.exported, o.resource from object_link l
                        join target_index_object o on o.read_id = $3 and o.target_id = l.target_id
                        where l.job_id = $1 and l.object_type = $2 and l.state in ('ACTIVE', 'DISABLED')
                            and l.source_id > $4
                        order by l.source_id limit $5""")
                .execute(Tuple.of(jobId, type.name(), readId, afterSourceId, limit))
                .map(rows -> {
                    List<LinkedTargetResource> page = new java.util.ArrayList<>();
                    rows.forEach(row -> {
                        JsonObject exported = row.getJsonObject("exported");
                        page.add(new LinkedTargetResource(row.getString("source_id"),
                                exported == null ? Map.of() : exported.getMap(), row.getString("resource")));
                    });
                    return page;
                });
    }

    /**
     * Replaces what the links of {@code type} among {@code exportedBySource} hold as last exported (a full restart:
     * what the target holds now), in one statement; each link's newest event is evaluated again against it.
     */
    public Uni<Void> replaceExported(UUID jobId, ObjectType type, Map<String, Map<String, Object>> exportedBySource) {
        if (exportedBySource.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] sources = exportedBySource.keySet().toArray(String[]::new);
        String[] exported = new String[sources.length];
        for (int i = 0; i < sources.length; i++) {
            exported[i] = new JsonObject(new HashMap<>(exportedBySource.get(sources[i]))).encode();
        }
        return database.preparedQuery("""
                        update object_link l set exported = e.exported::jsonb, reevaluate = true, updated_at = now()
                        from unnest($3::text[], $4::text[]) as e(source_id, exported)
                        where l.job_id = $1 and l.object_type = $2 and l.source_id = e.source_id""")
                .execute(Tuple.of(jobId, type.name(), sources, exported)).replaceWithVoid();
    }

    /** How many objects of {@code type} the job keeps active in the target. */
    public Uni<Long> countActive(UUID jobId, ObjectType type) {
        return database.preparedQuery("select count(*) from object_link where job_id = $1 and object_type = $2 "
                        + "and state = 'ACTIVE'").execute(Tuple.of(jobId, type.name()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The provisioned links (active or disabled) of {@code type} to the target objects {@code targetIds}, by target id. */
    public Uni<Map<String, ObjectLink>> findProvisionedByTargets(UUID jobId, ObjectType type,
            Collection<String> targetIds) {
        if (targetIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return database.preparedQuery("select * from object_link where job_id = $1 and object_type = $2 "
                        + "and state in ('ACTIVE', 'DISABLED') and target_id = any($3)")
                .execute(Tuple.of(jobId, type.name(), targetIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ObjectLink> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("target_id"), read(row)));
                    return found;
                });
    }

    /** A page of the provisioned links (active or disabled) of {@code type}, by source id after {@code afterSourceId}. */
    public Uni<List<ObjectLink>> provisionedPage(UUID jobId, ObjectType type, String afterSourceId, int limit) {
        return database.preparedQuery("select * from object_link where job_id = $1 and object_type = $2 "
                        + "and state in ('ACTIVE', 'DISABLED') and target_id is not null and source_id > $3 "
                        + "order by source_id limit $4")
                .execute(Tuple.of(jobId, type.name(), afterSourceId, limit))
                .map(rows -> {
                    List<ObjectLink> page = new java.util.ArrayList<>();
                    rows.forEach(row -> page.add(read(row)));
                    return page;
                });
    }

    /** Every link of a job, for dry runs. */
    public Uni<Map<String, ObjectLink>> all(UUID jobId, ObjectType type) {
        return database.preparedQuery("select * from object_link where job_id = $1 and object_type = $2")
                .execute(Tuple.of(jobId, type.name()))
                .map(rows -> {
                    Map<String, ObjectLink> links = new HashMap<>();
                    rows.forEach(row -> links.put(row.getString("source_id"), read(row)));
                    return links;
                });
    }

}
