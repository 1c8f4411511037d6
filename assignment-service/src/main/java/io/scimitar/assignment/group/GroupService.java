package io.scimitar.assignment.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.error.PreconditionFailedException;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangeTransactions;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.change.ChangePublisher;
import io.scimitar.assignment.membership.MembershipRepository;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import io.scimitar.events.MemberRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Creates, changes and deletes groups and their direct members, recording what each change means for events. */
@ApplicationScoped
public class GroupService {

    private static final Set<String> READ_ONLY = Set.of("id");

    private final ChangeTransactions changeTransactions;
    private final Transactions transactions;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final ChangePublisher publisher;
    private final GroupChangeStatement changeStatement;
    private final ObjectMapper json;

    public GroupService(ChangeTransactions changeTransactions, Transactions transactions, GroupRepository groups,
            MembershipRepository memberships, UserRepository users, ChangePublisher publisher,
            GroupChangeStatement changeStatement, ObjectMapper json) {
        this.changeTransactions = changeTransactions;
        this.transactions = transactions;
        this.groups = groups;
        this.memberships = memberships;
        this.users = users;
        this.publisher = publisher;
        this.changeStatement = changeStatement;
        this.json = json;
    }

    public Group create(GroupRequest request) {
        return changeTransactions.run((tx, changes) -> create(tx, request, changes));
    }

    public Group get(UUID id) {
        return transactions.inTransaction(tx -> groups.find(tx, id)).orElseThrow(() -> notFound(id));
    }

    public Page<Group> list(String displayNameStartsWith, boolean deleted, PageRequest page) {
        return page.page(transactions.inTransaction(tx -> groups.list(tx, displayNameStartsWith, deleted, page)),
                Group::id);
    }

    /**
     * Reads and locks the group and applies the merge patch. A change that keeps {@code securityEnabled} alters no
     * member's effective state: it is written with its events in one statement ({@link GroupChangeStatement});
     * otherwise the members are published again through the publisher.
     */
    public Group patch(UUID id, JsonNode patch, Long ifMatch) {
        return transactions.inTransaction(tx -> {
            Group current = groups.lockIfExists(tx, id).orElseThrow(() -> notFound(id));
            if (ifMatch != null && ifMatch != current.rowVersion()) {
                throw new PreconditionFailedException("Group", id, current.rowVersion());
            }
            GroupRequest merged = MergePatch.apply(json, GroupMapper.toRequest(current), patch, GroupRequest.class,
                    READ_ONLY);
            GroupValidator.check(merged).throwIfAny();
            Group group = GroupMapper.fromRequest(current.id(), merged, current.createdDateTime(), Instant.now(),
                    current.deletedDateTime(), current.rowVersion() + 1);
            if (group.securityEnabled() != current.securityEnabled() && !current.softDeleted()) {
                ChangeSet changes = new ChangeSet();
                Group replaced = replace(tx, current, merged, changes);
                publisher.publish(tx, changes);
                return replaced;
            }
            changeStatement.update(tx, group, "GROUP_UPDATED");
            return group;
        });
    }

    /**
     * Soft-deletes a group (restorable, as Entra does for Microsoft 365 groups): it keeps its members and
     * assignments, but leaves every assignment's effective scope, so its members lose what they inherited through it
     * and every application learns that it is soft-deleted.
     */
    public void softDelete(UUID id) {
        changeTransactions.run((tx, changes) -> {
            Group group = groups.lockIfExists(tx, id).orElseThrow(() -> notFound(id));
            if (!group.softDeleted()) {
                groups.update(tx, withDeleted(group, Instant.now()));
                republishScope(tx, id, group.securityEnabled(), changes, "GROUP_SOFT_DELETED");
            }
            return null;
        });
    }

    /** Restores a soft-deleted group: its members get back what it gives them, and its state is published again. */
    public Group restore(UUID id) {
        return changeTransactions.run((tx, changes) -> {
            Group group = groups.lockIfExists(tx, id).orElseThrow(() -> notFound(id));
            if (!group.softDeleted()) {
                return group;
            }
            Group restored = withDeleted(group, null);
            groups.update(tx, restored);
            republishScope(tx, id, group.securityEnabled(), changes, "GROUP_RESTORED");
            return restored.at(restored.modifiedDateTime(), null, group.rowVersion() + 1);
        });
    }

    private void republishScope(SqlTransaction tx, UUID id, boolean securityEnabled, ChangeSet changes, String cause) {
        changes.group(id, Audience.allApplications(), cause);
        Set<UUID> apps = groups.assignedApplications(tx, id);
        if (!apps.isEmpty() && securityEnabled) {
            changes.groupMembers(id, Audience.of(apps), cause);
        }
    }

    private static Group withDeleted(Group g, Instant deletedAt) {
        return g.at(Instant.now(), deletedAt, g.rowVersion() + 1);
    }

    /**
     * Deletes a group for good (soft-deleted or not). Its members lose what they inherited through it before it
     * goes, so their events are published first; then the group's parents lose it as a member and every application
     * learns of the deletion.
     */
    public void hardDelete(UUID id) {
        changeTransactions.run((tx, changes) -> {
            Group group = groups.lockIfExists(tx, id).orElseThrow(() -> notFound(id));
            Set<UUID> apps = groups.assignedApplications(tx, id);
            tx.update("delete from app_role_assignment where principal_id = $1", id);
            if (!apps.isEmpty() && group.securityEnabled() && !group.softDeleted()) {
                publisher.publishGroupMembers(tx, id, Audience.of(apps), "GROUP_DELETED");
            }
            for (UUID parent : memberships.groupsOf(tx, id)) {
                changes.memberRemoved(parent, MemberRef.group(id.toString()));
            }
            groups.delete(tx, id);
            changes.groupDeleted(id, group.displayName());
            return null;
        });
    }

    public Page<MemberRef> members(UUID groupId, PageRequest page) {
        return transactions.inTransaction(tx -> {
            groups.find(tx, groupId).orElseThrow(() -> notFound(groupId));
            return page.page(memberships.page(tx, groupId, page.after(), page.limit() + 1),
                    member -> UUID.fromString(member.id()));
        });
    }

    public MemberRef addMember(UUID groupId, MemberRequest request) {
        return changeTransactions.run((tx, changes) -> addMember(tx, groupId, request, changes));
    }

    public void removeMember(UUID groupId, UUID memberId) {
        changeTransactions.run((tx, changes) -> {
            if (!removeMember(tx, groupId, memberId, changes)) {
                throw new NotFoundException("Member", memberId + " of group " + groupId);
            }
            return null;
        });
    }

    public Group create(SqlTransaction tx, GroupRequest request, ChangeSet changes) {
        GroupValidator.check(request).throwIfAny();
        UUID id = request.id() == null ? UUID.randomUUID() : UUID.fromString(request.id());
        if (groups.find(tx, id).isPresent() || users.find(tx, id).isPresent()) {
            throw new ConflictException("id", "An object with id " + id + " exists already");
        }
        Instant now = Instant.now();
        Group group = GroupMapper.fromRequest(id, request, now, now, null, 1);
        groups.insert(tx, group);
        changes.group(id, Audience.allApplications(), "GROUP_CREATED");
        return group;
    }

    public Group replace(SqlTransaction tx, Group current, GroupRequest request, ChangeSet changes) {
        GroupValidator.check(request).throwIfAny();
        if (request.id() != null && !request.id().equals(current.id().toString())) {
            throw new InvalidInputException("id", "does not match the group being changed");
        }
        Group group = GroupMapper.fromRequest(current.id(), request, current.createdDateTime(), Instant.now(),
                current.deletedDateTime(), current.rowVersion() + 1);
        groups.update(tx, group);
        changes.group(group.id(), Audience.allApplications(), "GROUP_UPDATED");
        if (group.securityEnabled() != current.securityEnabled() && !current.softDeleted()) {
            Set<UUID> apps = groups.assignedApplications(tx, group.id());
            if (!apps.isEmpty()) {
                changes.groupMembers(group.id(), Audience.of(apps), "GROUP_UPDATED");
            }
        }
        return group;
    }

    /** An import row: updates the group with this id, or creates one. */
    public ImportedGroup importRow(SqlTransaction tx, GroupRequest request, ChangeSet changes) {
        GroupValidator.check(request).throwIfAny();
        if (request.id() != null) {
            var existing = groups.lockIfExists(tx, UUID.fromString(request.id()));
            if (existing.isPresent()) {
                return new ImportedGroup(replace(tx, existing.get(), request, changes), false);
            }
        }
        return new ImportedGroup(create(tx, request, changes), true);
    }

    /**
     * Imports one group row that changes only the fields it names: an existing group (by id) gets them merged over
     * its current attributes; otherwise the row creates a group.
     */
    public ImportedGroup mergeRow(SqlTransaction tx, ObjectNode fields, ChangeSet changes) {
        GroupRequest request = MergePatch.read(json, fields, GroupRequest.class);
        new FieldChecks().uuid("id", request.id()).throwIfAny();
        if (request.id() != null) {
            var existing = groups.lockIfExists(tx, UUID.fromString(request.id()));
            if (existing.isPresent()) {
                GroupRequest merged = MergePatch.apply(json, GroupMapper.toRequest(existing.get()), fields,
                        GroupRequest.class, Set.of());
                return new ImportedGroup(replace(tx, existing.get(), merged, changes), false);
            }
        }
        return importRow(tx, request, changes);
    }

    /** The outcome of one import row. */
    public record ImportedGroup(Group group, boolean created) {
    }

    /** Adds a direct member within the caller's transaction; adding an existing member changes nothing. */
    public MemberRef addMember(SqlTransaction tx, UUID groupId, MemberRequest request, ChangeSet changes) {
        Group group = groups.lockIfExists(tx, groupId).orElseThrow(() -> notFound(groupId));
        UUID memberId = memberId(request == null ? null : request.id());
        MemberRef member;
        if (!users.existing(tx, List.of(memberId)).isEmpty()) {
            member = MemberRef.user(memberId.toString());
        } else if (!groups.existing(tx, List.of(memberId)).isEmpty()) {
            if (memberId.equals(groupId)) {
                throw new InvalidInputException("id", "a group cannot be a member of itself");
            }
            member = MemberRef.group(memberId.toString());
        } else {
            throw new InvalidInputException("id", "no user or group has id " + memberId);
        }
        if (memberships.add(tx, groupId, member)) {
            changes.memberAdded(groupId, member);
            republishMember(tx, group, member, changes, "GROUP_MEMBER_ADDED");
        }
        return member;
    }

    /** Removes a direct member within the caller's transaction; false when it was not a member. */
    public boolean removeMember(SqlTransaction tx, UUID groupId, UUID memberId, ChangeSet changes) {
        Group group = groups.lockIfExists(tx, groupId).orElseThrow(() -> notFound(groupId));
        MemberRef member = users.existing(tx, List.of(memberId)).isEmpty()
                ? MemberRef.group(memberId.toString()) : MemberRef.user(memberId.toString());
        if (!memberships.remove(tx, groupId, memberId)) {
            return false;
        }
        changes.memberRemoved(groupId, member);
        republishMember(tx, group, member, changes, "GROUP_MEMBER_REMOVED");
        return true;
    }

    private void republishMember(SqlTransaction tx, Group group, MemberRef member, ChangeSet changes, String cause) {
        if (member.type() == MemberRef.MemberType.USER && group.securityEnabled()) {
            Set<UUID> apps = groups.assignedApplications(tx, group.id());
            if (!apps.isEmpty()) {
                changes.user(UUID.fromString(member.id()), Audience.of(apps), cause);
            }
        }
    }

    private static UUID memberId(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id", "is required");
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "must be a GUID");
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Group", id);
    }
}
