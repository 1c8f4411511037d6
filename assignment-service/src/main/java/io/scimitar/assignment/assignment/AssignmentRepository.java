package io.scimitar.assignment.assignment;

import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.events.MemberRef;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and writes {@code app_role_assignment}. */
@ApplicationScoped
public class AssignmentRepository {

    private static final String COLUMNS = "id, application_id, app_role_id, principal_id, principal_type,"
            + " created_date_time";

    public Optional<AppRoleAssignment> find(Tx tx, UUID applicationId, UUID id) {
        return tx.optional("select " + COLUMNS + " from app_role_assignment where application_id = $1 and id = $2",
                AssignmentRepository::map, applicationId, id);
    }

    public List<AppRoleAssignment> list(Tx tx, UUID applicationId, UUID principalId, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(applicationId, page.afterOrStart(), page.limit() + 1));
        String where = "application_id = $1 and id > $2";
        if (principalId != null) {
            params.add(principalId);
            where += " and principal_id = $4";
        }
        return tx.list("select " + COLUMNS + " from app_role_assignment where " + where + " order by id limit $3",
                AssignmentRepository::map, params.toArray());
    }

    /** Inserts an assignment; false when the principal already holds this role in this application. */
    public boolean insert(Tx tx, AppRoleAssignment a) {
        return tx.update("""
                insert into app_role_assignment (id, application_id, app_role_id, principal_id, principal_type,
                  created_date_time) values ($1, $2, $3, $4, $5, $6)
                on conflict (application_id, principal_id, app_role_id) do nothing""", a.id(), a.applicationId(),
                a.appRoleId(), a.principalId(), a.principalType().name(),
                a.createdDateTime().atOffset(ZoneOffset.UTC)) == 1;
    }

    public void delete(Tx tx, UUID id) {
        tx.update("delete from app_role_assignment where id = $1", id);
    }

    private static AppRoleAssignment map(Row r) {
        return new AppRoleAssignment(r.getUUID("id"), r.getUUID("application_id"), r.getUUID("app_role_id"),
                r.getUUID("principal_id"), MemberRef.MemberType.valueOf(r.getString("principal_type")),
                r.getOffsetDateTime("created_date_time").toInstant());
    }
}
