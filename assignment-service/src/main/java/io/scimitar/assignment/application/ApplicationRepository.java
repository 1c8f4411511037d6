package io.scimitar.assignment.application;

import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes applications and their app roles. */
@ApplicationScoped
public class ApplicationRepository {

    private static final String COLUMNS = "id, display_name, publish_unassigned, created_date_time,"
            + " modified_date_time, row_version";
    private static final String ROLE_COLUMNS = "id, application_id, value, display_name, description, is_default";

    public Optional<Application> find(Tx tx, UUID id) {
        return load(tx, tx.list("select " + COLUMNS + " from application where id = $1", r -> r, id)).stream()
                .findFirst();
    }

    public Optional<Application> lock(Tx tx, UUID id) {
        return load(tx, tx.list("select " + COLUMNS + " from application where id = $1 for update", r -> r, id))
                .stream().findFirst();
    }

    public List<Application> list(Tx tx, String displayNameStartsWith, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart(), page.limit() + 1));
        String where = "id > $1";
        if (displayNameStartsWith != null) {
            params.add(displayNameStartsWith.toLowerCase() + "%");
            where += " and lower(display_name) like $3";
        }
        return load(tx, tx.list("select " + COLUMNS + " from application where " + where
                + " order by id limit $2", r -> r, params.toArray()));
    }

    public void insert(Tx tx, Application app) {
        tx.update("""
                insert into application (id, display_name, publish_unassigned, created_date_time, modified_date_time,
                  row_version) values ($1, $2, $3, $4, $5, 1)""", app.id(), app.displayName(),
                app.publishUnassigned(), app.createdDateTime().atOffset(ZoneOffset.UTC),
                app.modifiedDateTime().atOffset(ZoneOffset.UTC));
        insertRoles(tx, app.appRoles());
    }

    public void update(Tx tx, Application app) {
        tx.update("""
                update application set display_name = $2, publish_unassigned = $3, modified_date_time = $4,
                  row_version = row_version + 1 where id = $1""", app.id(), app.displayName(),
                app.publishUnassigned(), app.modifiedDateTime().atOffset(ZoneOffset.UTC));
    }

    public void delete(Tx tx, UUID id) {
        tx.update("delete from application where id = $1", id);
    }

    public void insertRoles(Tx tx, List<AppRole> roles) {
        tx.batch("""
                insert into app_role (id, application_id, value, display_name, description, is_default)
                values ($1, $2, $3, $4, $5, $6)""", roles.stream().map(r -> Tuple.from(Arrays.asList(r.id(),
                r.applicationId(), r.value(), r.displayName(), r.description(), r.defaultAccess()))).toList());
    }

    public void updateRole(Tx tx, AppRole role) {
        tx.update("update app_role set value = $2, display_name = $3, description = $4 where id = $1", role.id(),
                role.value(), role.displayName(), role.description());
    }

    public void deleteRole(Tx tx, UUID roleId) {
        tx.update("delete from app_role where id = $1", roleId);
    }

    private List<Application> load(Tx tx, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
        Map<UUID, List<AppRole>> roles = new HashMap<>();
        for (Row r : tx.query("select " + ROLE_COLUMNS + " from app_role where application_id = any($1)"
                + " order by is_default desc, display_name, id", (Object) ids)) {
            roles.computeIfAbsent(r.getUUID("application_id"), id -> new ArrayList<>()).add(new AppRole(
                    r.getUUID("id"), r.getUUID("application_id"), r.getString("value"), r.getString("display_name"),
                    r.getString("description"), r.getBoolean("is_default")));
        }
        return rows.stream().map(r -> new Application(r.getUUID("id"), r.getString("display_name"),
                r.getBoolean("publish_unassigned"), roles.getOrDefault(r.getUUID("id"), List.of()),
                instant(r, "created_date_time"), instant(r, "modified_date_time"), r.getLong("row_version")))
                .toList();
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column).toInstant();
    }
}
