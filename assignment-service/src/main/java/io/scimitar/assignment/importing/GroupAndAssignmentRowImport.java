package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.roleassignment.AssignmentRequest;
import io.scimitar.assignment.roleassignment.AssignmentService;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.group.GroupRequest;
import io.scimitar.assignment.group.GroupService;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;


/** Applies one group or assignment import row through the same service code as the REST API. */
@ApplicationScoped
public class GroupAndAssignmentRowImport {

    private final ObjectMapper json;
    private final GroupService groups;
    private final AssignmentService assignments;

    public GroupAndAssignmentRowImport(ObjectMapper json, GroupService groups, AssignmentService assignments) {
        this.json = json;
        this.groups = groups;
        this.assignments = assignments;
    }

    /** Applies a row; throws the service's exceptions when the row is rejected. */
    RowResult apply(ImportKind kind, ImportMode mode, SqlTransaction tx, ImportRow row, ChangeSet changes) {
        ObjectNode fields = row.fields();
        return switch (kind) {
            case GROUPS -> {
                GroupService.ImportedGroup imported = mode == ImportMode.MERGE ? groups.mergeRow(tx, fields, changes)
                        : groups.importRow(tx, MergePatch.read(json, fields, GroupRequest.class), changes);
                yield RowResult.ok(row.line(), imported.created() ? "created" : "updated",
                        imported.group().id().toString());
            }
            case USERS, MEMBERSHIPS -> throw new IllegalArgumentException(
                    kind + " rows are imported set-based (UserRowsImport, MembershipRowsImport)");
            case ASSIGNMENTS -> assignment(tx, row, MergePatch.read(json, fields, AssignmentRequest.class), changes);
        };
    }

    private RowResult assignment(SqlTransaction tx, ImportRow row, AssignmentRequest a, ChangeSet changes) {
        new FieldChecks().required("applicationId", a.applicationId()).uuid("applicationId", a.applicationId())
                .throwIfAny();
        UUID app = UUID.fromString(a.applicationId());
        try {
            return RowResult.ok(row.line(), "created", assignments.assign(tx, app, a, changes).id().toString());
        } catch (NotFoundException e) {
            throw new io.scimitar.assignment.error.InvalidInputException("applicationId",
                    "no application has id " + app);
        } catch (ConflictException e) {
            return RowResult.ok(row.line(), "unchanged", null);
        }
    }
}
