package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.group.Group;
import io.scimitar.assignment.group.GroupRepository;
import io.scimitar.assignment.membership.MembershipRepository;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.MergePatch;
import io.scimitar.events.MemberRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports a batch of membership rows set-based: groups are locked and members resolved in a few statements, then the
 * additions go in with one INSERT ... ON CONFLICT DO NOTHING and the removals with one DELETE, both over arrays. The
 * rules and events are those of {@code GroupService.addMember} and {@code removeMember}. A row repeating a (group,
 * member) pair of an earlier row starts a new segment, so the batch reads as if its rows had run one after another.
 */
@ApplicationScoped
public class MembershipRowsImport {

    private final ObjectMapper json;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final UserRepository users;

    public MembershipRowsImport(ObjectMapper json, GroupRepository groups, MembershipRepository memberships,
            UserRepository users) {
        this.json = json;
        this.groups = groups;
        this.memberships = memberships;
        this.users = users;
    }

    private record Candidate(ImportRow row, UUID groupId, UUID memberId, boolean add) {
    }

    public List<RowResult> apply(SqlTransaction tx, List<ImportRow> rows, ChangeSet changes) {
        Map<Long, RowResult> results = new HashMap<>();
        List<Candidate> segment = new ArrayList<>();
        Set<List<UUID>> pairs = new HashSet<>();
        for (ImportRow row : rows) {
            Candidate candidate;
            try {
                candidate = read(row);
            } catch (InvalidInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(), e.errors()));
                continue;
            } catch (MalformedInputException e) {
                results.put(row.line(), RowResult.rejected(row.line(),
                        List.of(new FieldError(e.field(), e.getMessage()))));
                continue;
            }
            if (!pairs.add(List.of(candidate.groupId(), candidate.memberId()))) {
                write(tx, segment, results, changes);
                segment.clear();
                pairs.clear();
                pairs.add(List.of(candidate.groupId(), candidate.memberId()));
            }
            segment.add(candidate);
        }
        write(tx, segment, results, changes);
        return rows.stream().map(row -> results.get(row.line())).toList();
    }

    private Candidate read(ImportRow row) {
        if (!row.unreadable().isEmpty()) {
            throw new InvalidInputException(row.unreadable());
        }
        MembershipRow m = MergePatch.read(json, row.fields(), MembershipRow.class);
        String action = m.action() == null ? "add" : m.action();
        FieldChecks checks = new FieldChecks().required("groupId", m.groupId()).uuid("groupId", m.groupId())
                .required("memberId", m.memberId()).uuid("memberId", m.memberId());
        if (!action.equals("add") && !action.equals("remove")) {
            checks.fail("action", "must be add or remove");
        }
        checks.throwIfAny();
        return new Candidate(row, UUID.fromString(m.groupId()), UUID.fromString(m.memberId()), action.equals("add"));
    }

    /** Applies rows that name distinct (group, member) pairs. */
    private void write(SqlTransaction tx, List<Candidate> segment, Map<Long, RowResult> results, ChangeSet changes) {
        if (segment.isEmpty()) {
            return;
        }
        Set<UUID> groupIds = new HashSet<>();
        Set<UUID> memberIds = new HashSet<>();
        segment.forEach(c -> {
            groupIds.add(c.groupId());
            memberIds.add(c.memberId());
        });
        Map<UUID, Group> locked = new HashMap<>();
        groups.lockAll(tx, groupIds).forEach(g -> locked.put(g.id(), g));
        Set<UUID> userMembers = new HashSet<>(users.existing(tx, memberIds));
        Set<UUID> groupMembers = new HashSet<>(groups.existing(tx, memberIds));
        Map<UUID, Set<UUID>> assigned = groups.assignedApplications(tx, locked.keySet());

        List<Candidate> adds = new ArrayList<>();
        List<MemberRef> added = new ArrayList<>();
        List<Candidate> removes = new ArrayList<>();
        for (Candidate c : segment) {
            if (!locked.containsKey(c.groupId())) {
                reject(results, c, "groupId", "no group has id " + c.groupId());
            } else if (!c.add()) {
                removes.add(c);
            } else if (userMembers.contains(c.memberId())) {
                adds.add(c);
                added.add(MemberRef.user(c.memberId().toString()));
            } else if (groupMembers.contains(c.memberId()) && !c.memberId().equals(c.groupId())) {
                adds.add(c);
                added.add(MemberRef.group(c.memberId().toString()));
            } else if (groupMembers.contains(c.memberId())) {
                reject(results, c, "id", "a group cannot be a member of itself");
            } else {
                reject(results, c, "id", "no user or group has id " + c.memberId());
            }
        }
        Set<List<UUID>> nowMembers = adds.isEmpty() ? Set.of()
                : memberships.addAll(tx, adds.stream().map(Candidate::groupId).toList(), added);
        for (int i = 0; i < adds.size(); i++) {
            Candidate c = adds.get(i);
            results.put(c.row().line(), RowResult.ok(c.row().line(), "added", c.memberId().toString()));
            if (nowMembers.contains(List.of(c.groupId(), c.memberId()))) {
                changes.memberAdded(c.groupId(), added.get(i));
                republish(locked.get(c.groupId()), added.get(i), assigned, changes, "GROUP_MEMBER_ADDED");
            }
        }
        Set<List<UUID>> gone = removes.isEmpty() ? Set.of() : memberships.removeAll(tx,
                removes.stream().map(Candidate::groupId).toList(), removes.stream().map(Candidate::memberId).toList());
        for (Candidate c : removes) {
            boolean removed = gone.contains(List.of(c.groupId(), c.memberId()));
            results.put(c.row().line(), RowResult.ok(c.row().line(), removed ? "removed" : "unchanged",
                    c.memberId().toString()));
            if (removed) {
                MemberRef member = userMembers.contains(c.memberId()) ? MemberRef.user(c.memberId().toString())
                        : MemberRef.group(c.memberId().toString());
                changes.memberRemoved(c.groupId(), member);
                republish(locked.get(c.groupId()), member, assigned, changes, "GROUP_MEMBER_REMOVED");
            }
        }
    }

    private static void republish(Group group, MemberRef member, Map<UUID, Set<UUID>> assigned, ChangeSet changes,
            String cause) {
        Set<UUID> apps = assigned.getOrDefault(group.id(), Set.of());
        if (member.type() == MemberRef.MemberType.USER && group.securityEnabled() && !apps.isEmpty()) {
            changes.user(UUID.fromString(member.id()), Audience.of(apps), cause);
        }
    }

    private static void reject(Map<Long, RowResult> results, Candidate c, String field, String reason) {
        results.put(c.row().line(), RowResult.rejected(c.row().line(), List.of(new FieldError(field, reason))));
    }
}
