package io.scimitar.assignment.application;

import io.scimitar.assignment.database.LikePatterns;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.paging.PageRequest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes applications and their app roles in SQL on the transaction's connection. */
@ApplicationScoped
public class ApplicationRepository {

    private static final String COLUMNS = "id, display_name, publish_unassigned, created_date_time,"
            + " modified_date_time, row_version";
    private static final String ROLE_COLUMNS = "id, application_id, value, display_name, description, is_default";

    public Optional<Application> find(SqlTransaction tx, UUID id) {
        return load(tx, tx.list("select " + COLUMNS + " from application where id = $1", ApplicationRow::of, id))
                .stream().findFirst();
    }

    /** Reads the application and locks its row until commit. */
    public Optional<Application> lock(SqlTransaction tx, UUID id) {
        return load(tx, tx.list("select " + COLUMNS + " from application where id = $1 for update",
                ApplicationRow::of, id)).stream().findFirst();
    }

    public List<Application> list(SqlTransaction tx, String displayNameStartsWith, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart()));
        String where = "id > $1";
        if (displayNameStartsWith != null) {
            params.add(LikePatterns.startsWith(displayNameStartsWith));
            where += " and lower(display_name) like $2" + LikePatterns.ESCAPE;
        }
        params.add(page.limit() + 1); // one more than the page: PageRequest#page reads it as "there is more"
        return load(tx, tx.list("select " + COLUMNS + " from application where " + where + " order by id limit $"
                + params.size(), ApplicationRow::of, params.toArray()));
    }

    public void insert(SqlTransaction tx, Application app) {
        tx.update("insert into application (id, display_name, publish_unassigned, created_date_time,"
                        + " modified_date_time, row_version) values ($1, $2, $3, $4, $5, 1)",
                app.id(), app.displayName(), app.publishUnassigned(),
                app.createdDateTime().atOffset(ZoneOffset.UTC), app.modifiedDateTime().atOffset(ZoneOffset.UTC));
        insertRoles(tx, app.appRoles());
    }

    /** Writes the application's own attributes and counts its version up; its row must be locked by this transaction. */
    public void update(SqlTransaction tx, Application app) {
        tx.update("update application set display_name = $2, publish_unassigned = $3, modified_date_time = $4,"
                        + " row_version = row_version + 1 where id = $1",
                app.id(), app.displayName(), app.publishUnassigned(),
                app.modifiedDateTime().atOffset(ZoneOffset.UTC));
    }

    /** Deletes the application; PostgreSQL deletes its roles and assignments with it (on delete cascade). */
    public void delete(SqlTransaction tx, UUID id) {
        tx.update("delete from application where id = $1", id);
    }

    public void insertRoles(SqlTransaction tx, List<AppRole> appRoles) {
        for (AppRole r : appRoles) {
            tx.update("insert into app_role (" + ROLE_COLUMNS + ") values ($1, $2, $3, $4, $5, $6)",
                    r.id(), r.applicationId(), r.value(), r.displayName(), r.description(), r.defaultAccess());
        }
    }

    public void updateRole(SqlTransaction tx, AppRole role) {
        tx.update("update app_role set value = $2, display_name = $3, description = $4 where id = $1",
                role.id(), role.value(), role.displayName(), role.description());
    }

    public void deleteRole(SqlTransaction tx, UUID roleId) {
        tx.update("delete from app_role where id = $1", roleId);
    }

    private List<Application> load(SqlTransaction tx, List<ApplicationRow> apps) {
        if (apps.isEmpty()) {
            return List.of();
        }
        UUID[] ids = apps.stream().map(ApplicationRow::id).toArray(UUID[]::new);
        Map<UUID, List<AppRole>> byApp = new HashMap<>();
        for (AppRole r : tx.list("select " + ROLE_COLUMNS + " from app_role where application_id = any($1)"
                + " order by is_default desc, display_name, id", ApplicationRepository::role, (Object) ids)) {
            byApp.computeIfAbsent(r.applicationId(), id -> new ArrayList<>()).add(r);
        }
        return apps.stream().map(a -> new Application(a.id(), a.displayName(), a.publishUnassigned(),
                byApp.getOrDefault(a.id(), List.of()), a.created(), a.modified(), a.rowVersion())).toList();
    }

    private static AppRole role(Row r) {
        return new AppRole(r.getUUID("id"), r.getUUID("application_id"), r.getString("value"),
                r.getString("display_name"), r.getString("description"), r.getBoolean("is_default"));
    }

    /** An {@code application} row before its roles are read. */
    private record ApplicationRow(UUID id, String displayName, boolean publishUnassigned, Instant created,
            Instant modified, long rowVersion) {

        static ApplicationRow of(Row r) {
            return new ApplicationRow(r.getUUID("id"), r.getString("display_name"), r.getBoolean("publish_unassigned"),
                    r.getOffsetDateTime("created_date_time").toInstant(),
                    r.getOffsetDateTime("modified_date_time").toInstant(), r.getLong("row_version"));
        }
    }
}
