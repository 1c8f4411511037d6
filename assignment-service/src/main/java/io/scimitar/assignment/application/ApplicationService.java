package io.scimitar.assignment.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.database.SqlStates;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.error.PreconditionFailedException;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangeTransactions;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Creates, changes and deletes applications and their app roles. */
@ApplicationScoped
public class ApplicationService {

    private static final Set<String> READ_ONLY = Set.of("id", "appRoles");

    private final ChangeTransactions changeTransactions;
    private final Transactions transactions;
    private final ApplicationRepository applications;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    public ApplicationService(ChangeTransactions changeTransactions, Transactions transactions,
            ApplicationRepository applications, ObjectMapper json, ApplicationEventPublisher events) {
        this.events = events;
        this.changeTransactions = changeTransactions;
        this.transactions = transactions;
        this.applications = applications;
        this.json = json;
    }

    /** Creates an application with "Default Access" and the given roles. */
    public Application create(ApplicationRequest request) {
        AppRoleValidator.check(request).throwIfAny();
        UUID id = request.id() == null ? UUID.randomUUID() : UUID.fromString(request.id());
        List<AppRole> roles = new ArrayList<>();
        roles.add(new AppRole(UUID.randomUUID(), id, AppRole.DEFAULT_ACCESS_VALUE, AppRole.DEFAULT_ACCESS_NAME,
                "Access to the application without a specific role", true));
        Set<String> values = new HashSet<>();
        if (request.appRoles() != null) {
            for (int i = 0; i < request.appRoles().size(); i++) {
                AppRoleRequest r = request.appRoles().get(i);
                if (r.value() != null && !values.add(r.value())) {
                    throw new InvalidInputException("appRoles[" + i + "].value", "is used by another role");
                }
                roles.add(new AppRole(r.id() == null ? UUID.randomUUID() : UUID.fromString(r.id()), id, r.value(),
                        r.displayName(), r.description(), false));
            }
        }
        Instant now = Instant.now();
        Application app = new Application(id, request.displayName(),
                request.publishUnassigned() == null || request.publishUnassigned(), roles, now, now, 1);
        return transactions.inTransaction(tx -> {
            if (applications.find(tx, id).isPresent()) {
                throw new ConflictException("id", "An application with id " + id + " exists already");
            }
            try {
                applications.insert(tx, app);
            } catch (PgException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                    throw new ConflictException("appRoles", "an app role id is used already");
                }
                throw e;
            }
            events.created(tx, app);
            return app;
        });
    }

    public Application get(UUID id) {
        return transactions.inTransaction(tx -> applications.find(tx, id)).orElseThrow(() -> notFound(id));
    }

    public Page<Application> list(String displayNameStartsWith, PageRequest page) {
        return page.page(transactions.inTransaction(tx -> applications.list(tx, displayNameStartsWith, page)),
                Application::id);
    }

    public Application patch(UUID id, JsonNode patch, Long ifMatch) {
        return transactions.inTransaction(tx -> {
            Application current = applications.lock(tx, id).orElseThrow(() -> notFound(id));
            if (ifMatch != null && ifMatch != current.rowVersion()) {
                throw new PreconditionFailedException("Application", id, current.rowVersion());
            }
            ApplicationRequest merged = MergePatch.apply(json, new ApplicationRequest(id.toString(),
                    current.displayName(), current.publishUnassigned(), null), patch, ApplicationRequest.class,
                    READ_ONLY);
            AppRoleValidator.check(merged).throwIfAny();
            Application changed = new Application(id, merged.displayName(),
                    merged.publishUnassigned() == null || merged.publishUnassigned(), current.appRoles(),
                    current.createdDateTime(), Instant.now(), current.rowVersion() + 1);
            applications.update(tx, changed);
            events.changed(tx, changed);
            return changed;
        });
    }

    /**
     * Deletes an application and its assignments; no further assignment events are published for it (no
     * unassignments either: as in Entra, deleting the application ends its provisioning), only application.deleted.
     */
    public void delete(UUID id) {
        transactions.inTransaction(tx -> {
            Application app = applications.lock(tx, id).orElseThrow(() -> notFound(id));
            applications.delete(tx, id);
            events.deleted(tx, app);
            return null;
        });
    }

    public AppRole addRole(UUID applicationId, AppRoleRequest request) {
        AppRoleValidator.check(new FieldChecks(), "", request).throwIfAny();
        return transactions.inTransaction(tx -> {
            Application app = applications.lock(tx, applicationId).orElseThrow(() -> notFound(applicationId));
            requireFreeValue(app, request.value(), null);
            AppRole role = new AppRole(request.id() == null ? UUID.randomUUID() : UUID.fromString(request.id()),
                    applicationId, request.value(), request.displayName(), request.description(), false);
            try {
                applications.insertRoles(tx, List.of(role));
            } catch (PgException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                    throw new ConflictException("id", "an app role with id " + role.id() + " exists already");
                }
                throw e;
            }
            return role;
        });
    }

    /** ChangeSet a role; everyone holding it gets new events, since the role value travels in them. */
    public AppRole patchRole(UUID applicationId, UUID roleId, JsonNode patch) {
        return changeTransactions.run((tx, changes) -> {
            Application app = applications.lock(tx, applicationId).orElseThrow(() -> notFound(applicationId));
            AppRole current = role(app, roleId);
            AppRoleRequest merged = MergePatch.apply(json, new AppRoleRequest(roleId.toString(), current.value(),
                    current.displayName(), current.description()), patch, AppRoleRequest.class, Set.of("id"));
            AppRoleValidator.check(new FieldChecks(), "", merged).throwIfAny();
            if (current.defaultAccess() && !AppRole.DEFAULT_ACCESS_VALUE.equals(merged.value())) {
                throw new InvalidInputException("value", "the value of Default Access cannot change");
            }
            requireFreeValue(app, merged.value(), roleId);
            AppRole changed = new AppRole(roleId, applicationId, merged.value(), merged.displayName(),
                    merged.description(), current.defaultAccess());
            applications.updateRole(tx, changed);
            Audience audience = Audience.of(applicationId);
            for (Row holder : tx.query("select principal_id, principal_type from app_role_assignment"
                    + " where app_role_id = $1", roleId)) {
                UUID principal = holder.getUUID(0);
                if ("USER".equals(holder.getString(1))) {
                    changes.user(principal, audience, "APP_ROLE_UPDATED");
                } else {
                    changes.group(principal, audience, "APP_ROLE_UPDATED");
                    changes.groupMembers(principal, audience, "APP_ROLE_UPDATED");
                }
            }
            return changed;
        });
    }

    public void deleteRole(UUID applicationId, UUID roleId) {
        transactions.inTransaction(tx -> {
            Application app = applications.lock(tx, applicationId).orElseThrow(() -> notFound(applicationId));
            AppRole role = role(app, roleId);
            if (role.defaultAccess()) {
                throw new ConflictException("appRoleId", "Default Access cannot be deleted");
            }
            if (tx.count("select count(*) from app_role_assignment where app_role_id = $1", roleId) > 0) {
                throw new ConflictException("appRoleId", "the role is assigned; remove its assignments first");
            }
            applications.deleteRole(tx, roleId);
            return null;
        });
    }

    private static AppRole role(Application app, UUID roleId) {
        return app.appRoles().stream().filter(r -> r.id().equals(roleId)).findFirst()
                .orElseThrow(() -> new NotFoundException("App role", roleId + " of application " + app.id()));
    }

    private static void requireFreeValue(Application app, String value, UUID self) {
        if (value != null && app.appRoles().stream()
                .anyMatch(r -> value.equals(r.value()) && !r.id().equals(self))) {
            throw new ConflictException("value", "another role of this application has the value " + value);
        }
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("Application", id);
    }
}
