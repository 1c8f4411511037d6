package io.scimitar.assignment.group;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scimitar.assignment.database.LikePatterns;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the {@code app_group} table: one group at a time through Hibernate Reactive Panache, many at a
 * time (the event fan-out) in set-based SQL on the same connection. Writes flush at once, because the set-based SQL
 * of the same transaction reads the table directly.
 */
@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<GroupEntity, UUID> {

    private static final String COLUMNS = "id, display_name, mail_nickname, description, security_enabled,"
            + " created_date_time, modified_date_time, deleted_date_time, row_version";

    public Optional<Group> find(Tx tx, UUID id) {
        return Optional.ofNullable(tx.call(() -> findById(id))).map(GroupRepository::toRecord);
    }

    /** Locks the group row until commit: membership changes and snapshots of one group are serialised. */
    public Optional<Group> lockIfExists(Tx tx, UUID id) {
        return Optional.ofNullable(tx.call(() -> findById(id, LockModeType.PESSIMISTIC_WRITE)))
                .map(GroupRepository::toRecord);
    }

    /** The groups among {@code ids}, soft-deleted ones included. */
    public List<Group> findAll(Tx tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_group where id = any($1)", GroupRepository::map,
                (Object) ids.toArray(UUID[]::new));
    }

    /** The groups among {@code ids}, locked until commit in id order (so concurrent batches cannot deadlock). */
    public List<Group> lockAll(Tx tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_group where id = any($1) order by id for update",
                GroupRepository::map, (Object) ids.toArray(UUID[]::new));
    }

    /** The applications each of these principals (users or groups) is directly assigned to. */
    public Map<UUID, Set<UUID>> assignedApplications(Tx tx, Collection<UUID> principalIds) {
        Map<UUID, Set<UUID>> assigned = new HashMap<>();
        for (Row row : tx.query("select distinct principal_id, application_id from app_role_assignment"
                + " where principal_id = any($1)", (Object) principalIds.toArray(UUID[]::new))) {
            assigned.computeIfAbsent(row.getUUID(0), id -> new HashSet<>()).add(row.getUUID(1));
        }
        return assigned;
    }

    /** The ids among {@code ids} that are groups, soft-deleted ones included. */
    public List<UUID> existing(Tx tx, Collection<UUID> ids) {
        return tx.list("select id from app_group where id = any($1)", row -> row.getUUID(0),
                (Object) ids.toArray(UUID[]::new));
    }

    public List<Group> list(Tx tx, String displayNameStartsWith, boolean deleted, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart()));
        String where = "id > ?1" + (deleted ? " and deletedDateTime is not null" : " and deletedDateTime is null");
        if (displayNameStartsWith != null) {
            params.add(LikePatterns.startsWith(displayNameStartsWith));
            where += " and lower(displayName) like ?2" + LikePatterns.ESCAPE;
        }
        String query = where;
        return tx.call(() -> find(query, Sort.by("id"), params.toArray()).range(0, page.limit()).list()).stream()
                .map(GroupRepository::toRecord).toList();
    }

    public void insert(Tx tx, Group group) {
        GroupEntity entity = new GroupEntity();
        entity.id = group.id();
        copy(group, entity);
        entity.createdDateTime = utc(group.createdDateTime());
        entity.rowVersion = 1;
        tx.call(() -> persistAndFlush(entity));
    }

    /** Writes every attribute of {@code group}; its row must be locked by this transaction. */
    public void update(Tx tx, Group group) {
        tx.call(() -> findById(group.id()).chain(entity -> {
            copy(group, entity);
            entity.rowVersion = entity.rowVersion + 1;
            return flush();
        }));
    }

    /** The applications a principal (user or group) is directly assigned to. */
    public Set<UUID> assignedApplications(Tx tx, UUID principalId) {
        return new HashSet<>(tx.list(
                "select distinct application_id from app_role_assignment where principal_id = $1",
                row -> row.getUUID(0), principalId));
    }

    /**
     * Removes a group for good: its memberships both ways and its assignments go set-based in SQL, the group itself
     * through the session (which may hold it).
     */
    public void delete(Tx tx, UUID id) {
        tx.update("delete from group_member where member_id = $1", id);
        tx.update("delete from app_role_assignment where principal_id = $1", id);
        tx.call(() -> deleteById(id).call(this::flush));
    }

    private static void copy(Group g, GroupEntity e) {
        e.displayName = g.displayName();
        e.mailNickname = g.mailNickname();
        e.description = g.description();
        e.securityEnabled = g.securityEnabled();
        e.modifiedDateTime = utc(g.modifiedDateTime());
        e.deletedDateTime = utc(g.deletedDateTime());
    }

    private static Group toRecord(GroupEntity e) {
        return new Group(e.id, e.displayName, e.mailNickname, e.description, e.securityEnabled,
                instant(e.createdDateTime), instant(e.modifiedDateTime), instant(e.deletedDateTime), e.rowVersion);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static Group map(Row r) {
        return new Group(r.getUUID("id"), r.getString("display_name"), r.getString("mail_nickname"),
                r.getString("description"), r.getBoolean("security_enabled"),
                instant(r.getOffsetDateTime("created_date_time")), instant(r.getOffsetDateTime("modified_date_time")),
                instant(r.getOffsetDateTime("deleted_date_time")), r.getLong("row_version"));
    }
}
