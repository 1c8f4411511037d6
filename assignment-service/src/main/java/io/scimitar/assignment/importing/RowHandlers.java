package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.assignment.AssignmentRequest;
import io.scimitar.assignment.assignment.AssignmentService;
import io.scimitar.assignment.database.Tx;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.events.Changes;
import io.scimitar.assignment.group.GroupRequest;
import io.scimitar.assignment.group.GroupService;
import io.scimitar.assignment.group.MemberRequest;
import io.scimitar.assignment.user.UserRequest;
import io.scimitar.assignment.user.UserService;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Applies one import row of each kind through the same service code as the REST API. */
@ApplicationScoped
public class RowHandlers {

    private final ObjectMapper json;
    private final UserService users;
    private final GroupService groups;
    private final AssignmentService assignments;

    public RowHandlers(ObjectMapper json, UserService users, GroupService groups, AssignmentService assignments) {
        this.json = json;
        this.users = users;
        this.groups = groups;
        this.assignments = assignments;
    }

    /** Applies a row; throws the service's exceptions when the row is rejected. */
    RowResult apply(ImportKind kind, Tx tx, ImportRow row, Changes changes) {
        ObjectNode fields = row.fields();
        return switch (kind) {
            case USERS -> {
                UserService.ImportedUser imported = users.importRow(tx,
                        MergePatch.read(json, fields, UserRequest.class), changes);
                yield RowResult.ok(row.line(), imported.created() ? "created" : "updated",
                        imported.user().id().toString());
            }
            case GROUPS -> {
                GroupService.ImportedGroup imported = groups.importRow(tx,
                        MergePatch.read(json, fields, GroupRequest.class), changes);
                yield RowResult.ok(row.line(), imported.created() ? "created" : "updated",
                        imported.group().id().toString());
            }
            case MEMBERSHIPS -> membership(tx, row, MergePatch.read(json, fields, MembershipRow.class), changes);
            case ASSIGNMENTS -> assignment(tx, row, MergePatch.read(json, fields, AssignmentRequest.class), changes);
        };
    }

    private RowResult membership(Tx tx, ImportRow row, MembershipRow m, Changes changes) {
        String action = m.action() == null ? "add" : m.action();
        FieldChecks checks = new FieldChecks().required("groupId", m.groupId()).uuid("groupId", m.groupId())
                .required("memberId", m.memberId()).uuid("memberId", m.memberId());
        if (!action.equals("add") && !action.equals("remove")) {
            checks.fail("action", "must be add or remove");
        }
        checks.throwIfAny();
        UUID group = UUID.fromString(m.groupId());
        try {
            if (action.equals("add")) {
                groups.addMember(tx, group, new MemberRequest(m.memberId()), changes);
                return RowResult.ok(row.line(), "added", m.memberId());
            }
            boolean removed = groups.removeMember(tx, group, UUID.fromString(m.memberId()), changes);
            return RowResult.ok(row.line(), removed ? "removed" : "unchanged", m.memberId());
        } catch (NotFoundException e) {
            throw new io.scimitar.assignment.error.InvalidInputException("groupId", "no group has id " + group);
        }
    }

    private RowResult assignment(Tx tx, ImportRow row, AssignmentRequest a, Changes changes) {
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
