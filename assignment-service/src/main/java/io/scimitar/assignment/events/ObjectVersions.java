package io.scimitar.assignment.events;

import io.scimitar.assignment.database.SqlTransaction;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Hands out event versions per object. The upsert locks each object's row until commit, so two transactions that
 * publish about one object are serialised: the later one's outbox rows get higher ids and higher versions.
 */
@ApplicationScoped
public class ObjectVersions {

    private static final String RESERVE = """
            insert into object_version (object_id, version)
            select * from unnest($1::uuid[], $2::bigint[])
            on conflict (object_id) do update set version = object_version.version + excluded.version
            returning object_id, version""";

    /**
     * Reserves {@code count} consecutive versions for each object.
     *
     * @return the first reserved version of each object
     */
    public Map<UUID, Long> reserve(SqlTransaction tx, Map<UUID, Integer> counts) {
        // one order for everyone, so that concurrent transactions take the row locks without deadlocking
        TreeMap<UUID, Integer> sorted = new TreeMap<>(counts);
        UUID[] ids = sorted.keySet().toArray(UUID[]::new);
        Long[] increments = sorted.values().stream().map(Integer::longValue).toArray(Long[]::new);
        Map<UUID, Long> first = new HashMap<>();
        if (ids.length == 0) {
            return first;
        }
        for (Row row : tx.query(RESERVE, ids, increments)) {
            UUID id = row.getUUID("object_id");
            first.put(id, row.getLong("version") - counts.get(id) + 1);
        }
        return first;
    }
}
