package io.scimitar.assignment.roleassignment;

import io.scimitar.assignment.application.AppRole;
import io.scimitar.assignment.application.Application;
import io.scimitar.assignment.application.ApplicationRepository;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangeTransactions;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.group.GroupRepository;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.events.MemberRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Assigns users and groups to applications. Assigning a group publishes the group, a snapshot of its members and
 * every user member (who now inherits the role); removing it publishes the same users losing the role.
 */
@ApplicationScoped
public class AssignmentService {

    private final ChangeTransactions changeTransactions;
    private final Transactions transactions;
    private final AssignmentRepository assignments;
    private final ApplicationRepository applications;
    private final UserRepository users;
    private final GroupRepository groups;

    public AssignmentService(ChangeTransactions changeTransactions, Transactions transactions,
            AssignmentRepository assignments, ApplicationRepository applications, UserRepository users,
            GroupRepository groups) {
        this.changeTransactions = changeTransactions;
        this.transactions = transactions;
        this.assignments = assignments;
        this.applications = applications;
        this.users = users;
        this.groups = groups;
    }

    public AppRoleAssignment assign(UUID applicationId, AssignmentRequest request) {
        return changeTransactions.run((tx, changes) -> assign(tx, applicationId, request, changes));
    }

    public AppRoleAssignment get(UUID applicationId, UUID id) {
        return transactions.inTransaction(tx -> assignments.find(tx, applicationId, id))
                .orElseThrow(() -> new NotFoundException("App-role assignment", id));
    }

    public Page<AppRoleAssignment> list(UUID applicationId, UUID principalId, PageRequest page) {
        return page.page(transactions.inTransaction(tx -> {
            applications.find(tx, applicationId).orElseThrow(() -> new NotFoundException("Application",
                    applicationId));
            return assignments.list(tx, applicationId, principalId, page);
        }), AppRoleAssignment::id);
    }

    public void unassign(UUID applicationId, UUID id) {
        changeTransactions.run((tx, changes) -> {
            applications.lock(tx, applicationId)
                    .orElseThrow(() -> new NotFoundException("Application", applicationId));
            AppRoleAssignment assignment = assignments.find(tx, applicationId, id)
                    .orElseThrow(() -> new NotFoundException("App-role assignment", id));
            assignments.delete(tx, id);
            republish(changes, assignment, false);
            return null;
        });
    }

    /** Assigns within the caller's transaction. */
    public AppRoleAssignment assign(SqlTransaction tx, UUID applicationId, AssignmentRequest request,
            ChangeSet changes) {
        new FieldChecks().required("principalId", request.principalId()).uuid("principalId", request.principalId())
                .uuid("appRoleId", request.appRoleId()).throwIfAny();
        Application app = applications.find(tx, applicationId)
                .orElseThrow(() -> new NotFoundException("Application", applicationId));
        AppRole role = role(app, request.appRoleId());
        UUID principal = UUID.fromString(request.principalId());
        MemberRef.MemberType type;
        if (!users.existing(tx, List.of(principal)).isEmpty()) {
            type = MemberRef.MemberType.USER;
        } else if (groups.lockIfExists(tx, principal).isPresent()) {
            type = MemberRef.MemberType.GROUP;
        } else {
            throw new InvalidInputException("principalId", "no user or group has id " + principal);
        }
        AppRoleAssignment assignment = new AppRoleAssignment(UUID.randomUUID(), applicationId, role.id(), principal,
                type, Instant.now());
        if (!assignments.insert(tx, assignment)) {
            throw new ConflictException("principalId", "the principal already holds role " + role.displayName()
                    + " in this application");
        }
        republish(changes, assignment, true);
        return assignment;
    }

    private static void republish(ChangeSet changes, AppRoleAssignment assignment, boolean added) {
        String cause = added ? "ASSIGNMENT_ADDED" : "ASSIGNMENT_REMOVED";
        Audience audience = Audience.of(assignment.applicationId());
        if (assignment.principalType() == MemberRef.MemberType.USER) {
            changes.user(assignment.principalId(), audience, cause);
            return;
        }
        changes.group(assignment.principalId(), audience, cause);
        if (added) {
            changes.membershipSnapshot(assignment.principalId(), assignment.applicationId());
        }
        changes.groupMembers(assignment.principalId(), audience, added ? "GROUP_ASSIGNMENT_ADDED"
                : "GROUP_ASSIGNMENT_REMOVED");
    }

    private static AppRole role(Application app, String appRoleId) {
        if (appRoleId == null) {
            return app.appRoles().stream().filter(AppRole::defaultAccess).findFirst().orElseThrow();
        }
        UUID id = UUID.fromString(appRoleId);
        return app.appRoles().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new InvalidInputException("appRoleId", "application " + app.id()
                        + " has no app role " + appRoleId));
    }
}
