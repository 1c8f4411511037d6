package io.scimitar.assignment.application;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scimitar.assignment.database.LikePatterns;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes applications and their app roles through Hibernate Reactive Panache. */
@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<ApplicationEntity, UUID> {

    private static final Sort ROLE_ORDER = Sort.descending("defaultAccess").and("displayName").and("id");

    private final AppRoleRepository roles;

    public ApplicationRepository(AppRoleRepository roles) {
        this.roles = roles;
    }

    public Optional<Application> find(Tx tx, UUID id) {
        ApplicationEntity app = tx.call(() -> findById(id));
        return app == null ? Optional.empty() : load(tx, List.of(app)).stream().findFirst();
    }

    /** Reads the application and locks its row until commit. */
    public Optional<Application> lock(Tx tx, UUID id) {
        ApplicationEntity app = tx.call(() -> findById(id, LockModeType.PESSIMISTIC_WRITE));
        return app == null ? Optional.empty() : load(tx, List.of(app)).stream().findFirst();
    }

    public List<Application> list(Tx tx, String displayNameStartsWith, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(page.afterOrStart()));
        String where = "id > ?1";
        if (displayNameStartsWith != null) {
            params.add(LikePatterns.startsWith(displayNameStartsWith));
            where += " and lower(displayName) like ?2" + LikePatterns.ESCAPE;
        }
        String query = where;
        return load(tx, tx.call(() -> find(query, Sort.by("id"), params.toArray()).range(0, page.limit()).list()));
    }

    public void insert(Tx tx, Application app) {
        ApplicationEntity entity = new ApplicationEntity();
        entity.id = app.id();
        entity.displayName = app.displayName();
        entity.publishUnassigned = app.publishUnassigned();
        entity.createdDateTime = app.createdDateTime().atOffset(ZoneOffset.UTC);
        entity.modifiedDateTime = app.modifiedDateTime().atOffset(ZoneOffset.UTC);
        entity.rowVersion = 1;
        tx.call(() -> persistAndFlush(entity));
        insertRoles(tx, app.appRoles());
    }

    /** Writes the application's own attributes; its row must be locked by this transaction. */
    public void update(Tx tx, Application app) {
        tx.call(() -> findById(app.id()).chain(entity -> {
            entity.displayName = app.displayName();
            entity.publishUnassigned = app.publishUnassigned();
            entity.modifiedDateTime = app.modifiedDateTime().atOffset(ZoneOffset.UTC);
            entity.rowVersion = entity.rowVersion + 1;
            return flush();
        }));
    }

    /** Deletes the application; PostgreSQL deletes its roles and assignments with it (on delete cascade). */
    public void delete(Tx tx, UUID id) {
        tx.call(() -> deleteById(id).call(this::flush));
    }

    public void insertRoles(Tx tx, List<AppRole> appRoles) {
        List<AppRoleEntity> entities = appRoles.stream().map(r -> {
            AppRoleEntity e = new AppRoleEntity();
            e.id = r.id();
            e.applicationId = r.applicationId();
            copy(r, e);
            e.defaultAccess = r.defaultAccess();
            return e;
        }).toList();
        tx.call(() -> roles.persist(entities).call(roles::flush));
    }

    public void updateRole(Tx tx, AppRole role) {
        tx.call(() -> roles.findById(role.id()).chain(entity -> {
            copy(role, entity);
            return roles.flush();
        }));
    }

    public void deleteRole(Tx tx, UUID roleId) {
        tx.call(() -> roles.deleteById(roleId).call(roles::flush));
    }

    private static void copy(AppRole r, AppRoleEntity e) {
        e.value = r.value();
        e.displayName = r.displayName();
        e.description = r.description();
    }

    private List<Application> load(Tx tx, List<ApplicationEntity> apps) {
        if (apps.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = apps.stream().map(a -> a.id).toList();
        Map<UUID, List<AppRole>> byApp = new HashMap<>();
        for (AppRoleEntity r : tx.call(() -> roles.list("applicationId in ?1", ROLE_ORDER, ids))) {
            byApp.computeIfAbsent(r.applicationId, id -> new ArrayList<>()).add(new AppRole(r.id, r.applicationId,
                    r.value, r.displayName, r.description, r.defaultAccess));
        }
        return apps.stream().map(a -> new Application(a.id, a.displayName, a.publishUnassigned,
                byApp.getOrDefault(a.id, List.of()), a.createdDateTime.toInstant(),
                a.modifiedDateTime.toInstant(), a.rowVersion)).toList();
    }
}
