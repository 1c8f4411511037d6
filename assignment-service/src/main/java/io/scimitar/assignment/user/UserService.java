package io.scimitar.assignment.user;

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
import io.scimitar.assignment.membership.MembershipRepository;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.web.MergePatch;
import io.scimitar.events.MemberRef;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Creates, changes and deletes users, and records what each change means for the assignment events. */
@ApplicationScoped
public class UserService {

    private static final Set<String> READ_ONLY = Set.of("id");

    private final ChangeTransactions changeTransactions;
    private final Transactions transactions;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final UserChangeStatement changeStatement;
    private final ObjectMapper json;

    public UserService(ChangeTransactions changeTransactions, Transactions transactions, UserRepository users,
            MembershipRepository memberships, UserChangeStatement changeStatement, ObjectMapper json) {
        this.changeTransactions = changeTransactions;
        this.transactions = transactions;
        this.users = users;
        this.memberships = memberships;
        this.changeStatement = changeStatement;
        this.json = json;
    }

    public User create(UserRequest request) {
        return changeTransactions.run((tx, changes) -> create(tx, request, changes));
    }

    public User get(UUID id) {
        return transactions.inTransaction(tx -> users.find(tx, id)).orElseThrow(() -> new NotFoundException("User", id));
    }

    public Page<User> list(UserFilter filter, PageRequest page) {
        return page.page(transactions.inTransaction(tx -> users.list(tx, filter, page)), User::id);
    }

    /**
     * Reads and locks the user, then writes the change and its events in one statement ({@link UserChangeStatement}),
     * on a plain connection of the reactive client: the userPrincipalName and the manager are looked up only when the
     * patch changes them.
     */
    public User patch(UUID id, JsonNode patch, Long ifMatch) {
        return transactions.inTransaction(tx -> {
            User current = users.findForUpdate(tx, id).orElseThrow(() -> new NotFoundException("User", id));
            if (ifMatch != null && ifMatch != current.rowVersion()) {
                throw new PreconditionFailedException("User", id, current.rowVersion());
            }
            UserRequest merged = MergePatch.apply(json, UserMapper.toRequest(current), patch, UserRequest.class,
                    READ_ONLY);
            UserValidator.check(merged).throwIfAny();
            if (merged.id() != null && !merged.id().equals(current.id().toString())) {
                throw new InvalidInputException("id", "does not match the user being changed");
            }
            if (!merged.userPrincipalName().trim().equals(current.userPrincipalName())) {
                requireFreePrincipalName(tx, merged.userPrincipalName(), id);
            }
            UUID manager = merged.managerId() == null ? null : UUID.fromString(merged.managerId());
            if (!Objects.equals(manager, current.managerId())) {
                requireManager(tx, merged.managerId(), id);
            }
            User user = UserMapper.fromRequest(id, merged, current.createdDateTime(), Instant.now(),
                    current.deletedDateTime(), current.rowVersion() + 1);
            try {
                changeStatement.update(tx, user, "USER_UPDATED");
            } catch (PgException e) {
                throw translate(e, merged);
            }
            return user;
        });
    }

    public void softDelete(UUID id) {
        changeTransactions.run((tx, changes) -> {
            User user = users.findForUpdate(tx, id).orElseThrow(() -> new NotFoundException("User", id));
            if (!user.softDeleted()) {
                users.setDeleted(tx, id, Instant.now());
                changes.user(id, Audience.allApplications(), "USER_SOFT_DELETED");
            }
            return null;
        });
    }

    public User restore(UUID id) {
        return changeTransactions.run((tx, changes) -> {
            User user = users.findForUpdate(tx, id).orElseThrow(() -> new NotFoundException("User", id));
            if (user.softDeleted()) {
                users.setDeleted(tx, id, null);
                changes.user(id, Audience.allApplications(), "USER_RESTORED");
            }
            return users.find(tx, id).orElseThrow();
        });
    }

    public void hardDelete(UUID id) {
        changeTransactions.run((tx, changes) -> {
            User user = users.findForUpdate(tx, id).orElseThrow(() -> new NotFoundException("User", id));
            for (UUID group : memberships.groupsOf(tx, id)) {
                changes.memberRemoved(group, MemberRef.user(id.toString()));
            }
            for (UUID report : users.delete(tx, id)) {
                changes.user(report, Audience.allApplications(), "MANAGER_DELETED");
            }
            changes.userDeleted(id, user.userPrincipalName());
            return null;
        });
    }

    /** Creates a user within the caller's transaction. */
    public User create(SqlTransaction tx, UserRequest request, ChangeSet changes) {
        UserValidator.check(request).throwIfAny();
        UUID id = request.id() == null ? UUID.randomUUID() : UUID.fromString(request.id());
        if (users.find(tx, id).isPresent()) {
            throw new ConflictException("id", "A user with id " + id + " exists already");
        }
        requireFreePrincipalName(tx, request.userPrincipalName(), id);
        return insert(tx, id, request, changes);
    }

    private User insert(SqlTransaction tx, UUID id, UserRequest request, ChangeSet changes) {
        requireManager(tx, request.managerId(), id);
        Instant now = Instant.now();
        User user = UserMapper.fromRequest(id, request, now, now, null, 1);
        try {
            users.insert(tx, user);
        } catch (PgException e) {
            throw translate(e, request);
        }
        changes.user(id, Audience.allApplications(), "USER_CREATED");
        return user;
    }

    /** Replaces every writable attribute of {@code current} within the caller's transaction. */
    public User replace(SqlTransaction tx, User current, UserRequest request, ChangeSet changes) {
        UserValidator.check(request).throwIfAny();
        if (request.id() != null && !request.id().equals(current.id().toString())) {
            throw new InvalidInputException("id", "does not match the user being changed");
        }
        requireFreePrincipalName(tx, request.userPrincipalName(), current.id());
        requireManager(tx, request.managerId(), current.id());
        User user = UserMapper.fromRequest(current.id(), request, current.createdDateTime(), Instant.now(),
                current.deletedDateTime(), current.rowVersion() + 1);
        try {
            users.update(tx, user);
        } catch (PgException e) {
            throw translate(e, request);
        }
        changes.user(user.id(), Audience.allApplications(), "USER_UPDATED");
        return user;
    }

    private void requireFreePrincipalName(SqlTransaction tx, String userPrincipalName, UUID self) {
        users.findByPrincipalName(tx, userPrincipalName.trim())
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ConflictException("userPrincipalName",
                            "userPrincipalName " + userPrincipalName + " is already used by user " + other.id());
                });
    }

    private void requireManager(SqlTransaction tx, String managerId, UUID self) {
        if (managerId == null) {
            return;
        }
        UUID manager = UUID.fromString(managerId);
        if (manager.equals(self)) {
            throw new InvalidInputException("managerId", "a user cannot be their own manager");
        }
        if (users.existing(tx, List.of(manager)).isEmpty()) {
            throw new InvalidInputException("managerId", "no user has id " + managerId);
        }
    }

    private static RuntimeException translate(PgException e, UserRequest request) {
        if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
            return new ConflictException("userPrincipalName",
                    "userPrincipalName " + request.userPrincipalName() + " is already in use");
        }
        if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
            return new InvalidInputException("managerId", "no user has id " + request.managerId());
        }
        return e;
    }
}
