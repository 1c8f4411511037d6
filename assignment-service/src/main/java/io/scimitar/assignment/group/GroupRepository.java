package io.scimitar.assignment.group;

import io.scimitar.assignment.database.LikePatterns;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the {@code app_group} table in SQL on the transaction's connection: one group at a time, and many
 * at a time (the event fan-out) set-based.
 */
@ApplicationScoped
public class GroupRepository {

    /** The columns a {@link Group} is read from: its id, the attributes of {@link GroupAttributes#ALL}, its times. */
    static final String COLUMNS = "id, " + GroupAttributes.ALL.selectColumns("")
            + ", created_date_time, modified_date_time, deleted_date_time, row_version";

    /** The position of the first time parameter after the ids and one array per attribute. */
    static final int TIMES = GroupAttributes.ALL.all().size() + 2;

    private static final String INSERT = "insert into app_group (id, " + GroupAttributes.ALL.columns()
            + ", created_date_time, modified_date_time, deleted_date_time, row_version) select v.id, "
            + GroupAttributes.ALL.unnestedValues() + ", $" + TIMES + "::timestamptz, $" + (TIMES + 1)
            + "::timestamptz, $" + (TIMES + 2) + "::timestamptz, 1 from " + GroupAttributes.ALL.unnest(1);

    /** Every attribute, the modification and deletion times of the groups in the arrays; version + 1. */
    static final String UPDATE = "update app_group g set " + GroupAttributes.ALL.assignFromUnnest()
            + ", modified_date_time = $" + TIMES + "::timestamptz, deleted_date_time = $" + (TIMES + 1)
            + "::timestamptz, row_version = g.row_version + 1 from " + GroupAttributes.ALL.unnest(1)
            + " where g.id = v.id";

    public Optional<Group> find(SqlTransaction tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_group where id = $1", GroupRepository::map, id);
    }

    /** Locks the group row until commit: membership changes and snapshots of one group are serialised. */
    public Optional<Group> lockIfExists(SqlTransaction tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_group where id = $1 for update", GroupRepository::map,
                id);
    }

    /** The groups among {@code ids}, soft-deleted ones included. */
    public List<Group> findAll(SqlTransaction tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_group where id = any($1)", GroupRepository::map,
                (Object) ids.toArray(UUID[]::new));
    }

    /** The groups among {@code ids}, locked until commit in id order (so concurrent batches cannot deadlock). */
    public List<Group> lockAll(SqlTransaction tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_group where id = any($1) order by id for update",
                GroupRepository::map, (Object) ids.toArray(UUID[]::new));
    }

    /** The applications each of these principals (users or groups) is directly assigned to. */
    public Map<UUID, Set<UUID>> assignedApplications(SqlTransaction tx, Collection<UUID> principalIds) {
        Map<UUID, Set<UUID>> assigned = new HashMap<>();
        for (Row row : tx.query("select distinct principal_id, application_id from app_role_assignment"
                + " where principal_id = any($1)", (Object) principalIds.toArray(UUID[]::new))) {
            assigned.computeIfAbsent(row.getUUID(0), id -> new HashSet<>()).add(row.getUUID(1));
        }
        return assigned;
    }

    /** The ids among {@code ids} that are groups, soft-deleted ones included. */
    public List<UUID> existing(SqlTransaction tx, Collection<UUID> ids) {
        return tx.list("select id from app_group where id = any($1)", row -> row.getUUID(0),
                (Object) ids.toArray(UUID[]::new));
    }

    public List<Group> list(SqlTransaction tx, String displayNameStartsWith, boolean deleted, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart()));
        String where = "id > $1" + (deleted ? " and deleted_date_time is not null" : " and deleted_date_time is null");
        if (displayNameStartsWith != null) {
            params.add(LikePatterns.startsWith(displayNameStartsWith));
            where += " and lower(display_name) like $2" + LikePatterns.ESCAPE;
        }
        params.add(page.limit() + 1); // one more than the page: PageRequest#page reads it as "there is more"
        return tx.list("select " + COLUMNS + " from app_group where " + where + " order by id limit $" + params.size(),
                GroupRepository::map, params.toArray());
    }

    public void insert(SqlTransaction tx, Group group) {
        tx.update(INSERT, withTimes(group, utc(group.createdDateTime()), utc(group.modifiedDateTime()),
                utc(group.deletedDateTime())));
    }

    /** Writes every attribute of {@code group} and counts its version up; its row must be locked by this transaction. */
    public void update(SqlTransaction tx, Group group) {
        tx.update(UPDATE, withTimes(group, utc(group.modifiedDateTime()), utc(group.deletedDateTime())));
    }

    private static Object[] withTimes(Group group, Object... times) {
        Object[] arrays = GroupAttributes.ALL.arrays(List.of(group.id()), List.of(group.attributes()));
        Object[] params = Arrays.copyOf(arrays, arrays.length + times.length);
        System.arraycopy(times, 0, params, arrays.length, times.length);
        return params;
    }

    /** The applications a principal (user or group) is directly assigned to. */
    public Set<UUID> assignedApplications(SqlTransaction tx, UUID principalId) {
        return new HashSet<>(tx.list(
                "select distinct application_id from app_role_assignment where principal_id = $1",
                row -> row.getUUID(0), principalId));
    }

    /**
     * Removes a group for good, with its memberships both ways (its own members go with it, on delete cascade) and
     * its assignments.
     */
    public void delete(SqlTransaction tx, UUID id) {
        tx.update("delete from group_member where member_id = $1", id);
        tx.update("delete from app_role_assignment where principal_id = $1", id);
        tx.update("delete from app_group where id = $1", id);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static Group map(Row r) {
        return new Group(r.getUUID("id"), GroupAttributes.ALL.read(r),
                instant(r.getOffsetDateTime("created_date_time")), instant(r.getOffsetDateTime("modified_date_time")),
                instant(r.getOffsetDateTime("deleted_date_time")), r.getLong("row_version"));
    }
}
