package io.scimitar.assignment.assignment;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes {@code app_role_assignment} through Hibernate Reactive Panache. */
@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<AppRoleAssignmentEntity, UUID> {

    public Optional<AppRoleAssignment> find(Tx tx, UUID applicationId, UUID id) {
        return Optional.ofNullable(tx.call(() -> findById(id)))
                .filter(a -> a.applicationId.equals(applicationId))
                .map(AssignmentRepository::toRecord);
    }

    public List<AppRoleAssignment> list(Tx tx, UUID applicationId, UUID principalId, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(applicationId, page.afterOrStart()));
        String where = "applicationId = ?1 and id > ?2";
        if (principalId != null) {
            params.add(principalId);
            where += " and principalId = ?3";
        }
        String query = where;
        return tx.call(() -> find(query, Sort.by("id"), params.toArray()).range(0, page.limit()).list()).stream()
                .map(AssignmentRepository::toRecord).toList();
    }

    /** Inserts an assignment; false when the principal already holds this role in this application. */
    public boolean insert(Tx tx, AppRoleAssignment a) {
        long held = tx.call(() -> count("applicationId = ?1 and principalId = ?2 and appRoleId = ?3",
                a.applicationId(), a.principalId(), a.appRoleId()));
        if (held > 0) {
            return false;
        }
        AppRoleAssignmentEntity entity = new AppRoleAssignmentEntity();
        entity.id = a.id();
        entity.applicationId = a.applicationId();
        entity.appRoleId = a.appRoleId();
        entity.principalId = a.principalId();
        entity.principalType = a.principalType();
        entity.createdDateTime = a.createdDateTime().atOffset(ZoneOffset.UTC);
        tx.call(() -> persistAndFlush(entity));
        return true;
    }

    public void delete(Tx tx, UUID id) {
        tx.call(() -> deleteById(id).call(this::flush));
    }

    private static AppRoleAssignment toRecord(AppRoleAssignmentEntity e) {
        return new AppRoleAssignment(e.id, e.applicationId, e.appRoleId, e.principalId, e.principalType,
                e.createdDateTime.toInstant());
    }
}
