package io.scimitar.assignment.group;

import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes the {@code app_group} table. */
@ApplicationScoped
public class GroupRepository {

    private static final String COLUMNS = "id, display_name, mail_nickname, description, security_enabled,"
            + " created_date_time, modified_date_time, row_version";

    public Optional<Group> find(Tx tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_group where id = $1", GroupRepository::map, id);
    }

    /** Locks the group row until commit: membership changes and snapshots of one group are serialised. */
    public Optional<Group> lockIfExists(Tx tx, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_group where id = $1 for update", GroupRepository::map,
                id);
    }

    public List<Group> findAll(Tx tx, Collection<UUID> ids) {
        return tx.list("select " + COLUMNS + " from app_group where id = any($1)", GroupRepository::map,
                (Object) ids.toArray(UUID[]::new));
    }

    public List<UUID> existing(Tx tx, Collection<UUID> ids) {
        return tx.list("select id from app_group where id = any($1)", row -> row.getUUID(0),
                (Object) ids.toArray(UUID[]::new));
    }

    public List<Group> list(Tx tx, String displayNameStartsWith, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart(), page.limit() + 1));
        String where = "id > $1";
        if (displayNameStartsWith != null) {
            params.add(displayNameStartsWith.toLowerCase() + "%");
            where += " and lower(display_name) like $3";
        }
        return tx.list("select " + COLUMNS + " from app_group where " + where + " order by id limit $2",
                GroupRepository::map, params.toArray());
    }

    public void insert(Tx tx, List<Group> groups) {
        tx.batch("""
                insert into app_group (id, display_name, mail_nickname, description, security_enabled,
                  created_date_time, modified_date_time, row_version)
                values ($1, $2, $3, $4, $5, $6, $7, 1)""",
                groups.stream().map(g -> Tuple.from(Arrays.asList(g.id(), g.displayName(), g.mailNickname(),
                        g.description(), g.securityEnabled(), utc(g.createdDateTime()), utc(g.modifiedDateTime()))))
                        .toList());
    }

    public void update(Tx tx, List<Group> groups) {
        tx.batch("""
                update app_group set display_name = $2, mail_nickname = $3, description = $4, security_enabled = $5,
                  modified_date_time = $6, row_version = row_version + 1
                where id = $1""",
                groups.stream().map(g -> Tuple.from(Arrays.asList(g.id(), g.displayName(), g.mailNickname(),
                        g.description(), g.securityEnabled(), utc(g.modifiedDateTime())))).toList());
    }

    /** The applications a principal (user or group) is directly assigned to. */
    public java.util.Set<UUID> assignedApplications(Tx tx, UUID principalId) {
        return new java.util.HashSet<>(tx.list(
                "select distinct application_id from app_role_assignment where principal_id = $1",
                row -> row.getUUID(0), principalId));
    }

    /** Removes a group for good: its memberships both ways and its assignments. */
    public void delete(Tx tx, UUID id) {
        tx.update("delete from group_member where member_id = $1", id);
        tx.update("delete from app_role_assignment where principal_id = $1", id);
        tx.update("delete from app_group where id = $1", id);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Group map(Row r) {
        return new Group(r.getUUID("id"), r.getString("display_name"), r.getString("mail_nickname"),
                r.getString("description"), r.getBoolean("security_enabled"),
                r.getOffsetDateTime("created_date_time").toInstant(),
                r.getOffsetDateTime("modified_date_time").toInstant(), r.getLong("row_version"));
    }
}
