package io.scimitar.assignment.roleassignment;

import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.events.MemberRef;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes {@code app_role_assignment} in SQL on the transaction's connection. */
@ApplicationScoped
public class AssignmentRepository {

    private static final String COLUMNS = "id, application_id, app_role_id, principal_id, principal_type,"
            + " created_date_time";

    public Optional<AppRoleAssignment> find(SqlTransaction tx, UUID applicationId, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_role_assignment where id = $1 and application_id = $2",
                AssignmentRepository::map, id, applicationId);
    }

    public List<AppRoleAssignment> list(SqlTransaction tx, UUID applicationId, UUID principalId, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(applicationId, page.afterOrStart()));
        String where = "application_id = $1 and id > $2";
        if (principalId != null) {
            params.add(principalId);
            where += " and principal_id = $3";
        }
        params.add(page.limit() + 1); // one more than the page: PageRequest#page reads it as "there is more"
        return tx.list("select " + COLUMNS + " from app_role_assignment where " + where + " order by id limit $"
                + params.size(), AssignmentRepository::map, params.toArray());
    }

    /** Inserts an assignment; false when the principal already holds this role in this application. */
    public boolean insert(SqlTransaction tx, AppRoleAssignment a) {
        long held = tx.count("select count(*) from app_role_assignment where application_id = $1"
                + " and principal_id = $2 and app_role_id = $3", a.applicationId(), a.principalId(), a.appRoleId());
        if (held > 0) {
            return false;
        }
        tx.update("insert into app_role_assignment (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6)",
                a.id(), a.applicationId(), a.appRoleId(), a.principalId(), a.principalType().name(),
                a.createdDateTime().atOffset(ZoneOffset.UTC));
        return true;
    }

    public void delete(SqlTransaction tx, UUID id) {
        tx.update("delete from app_role_assignment where id = $1", id);
    }

    private static AppRoleAssignment map(Row r) {
        return new AppRoleAssignment(r.getUUID("id"), r.getUUID("application_id"), r.getUUID("app_role_id"),
                r.getUUID("principal_id"), MemberRef.MemberType.valueOf(r.getString("principal_type")),
                r.getOffsetDateTime("created_date_time").toInstant());
    }
}
