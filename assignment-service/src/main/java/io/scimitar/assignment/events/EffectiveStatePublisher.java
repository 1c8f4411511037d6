package io.scimitar.assignment.events;

import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.change.ChangePublisher;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.group.Group;
import io.scimitar.assignment.group.GroupMapper;
import io.scimitar.assignment.group.GroupRepository;
import io.scimitar.assignment.membership.MembershipRepository;
import io.scimitar.assignment.outbox.OutboxWriter;
import io.scimitar.assignment.user.User;
import io.scimitar.assignment.user.UserMapper;
import io.scimitar.assignment.user.UserRepository;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.MemberRef;
import io.scimitar.events.RoleAssignment;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the changes of a transaction into the effective assignment state of every affected (application, object)
 * pair and appends those events to the outbox, in the same transaction. Works in chunks of
 * {@value #CHUNK} objects so that a 100,000-member group never needs all its members in memory.
 */
@ApplicationScoped
public class EffectiveStatePublisher implements ChangePublisher {

    static final int CHUNK = 1000;

    private static final String USER_ROLES = """
            select ara.principal_id as object_id, ara.application_id, ara.id as assignment_id, r.id as role_id,
                   r.value, r.display_name, null::uuid as via_group_id
            from app_role_assignment ara join app_role r on r.id = ara.app_role_id
            where ara.principal_id = any($1) and ara.application_id = any($2)
            union all
            select gm.member_id, ara.application_id, ara.id, r.id, r.value, r.display_name, ara.principal_id
            from group_member gm
            join app_group g on g.id = gm.group_id and g.security_enabled and g.deleted_date_time is null
            join app_role_assignment ara on ara.principal_id = gm.group_id and ara.application_id = any($2)
            join app_role r on r.id = ara.app_role_id
            where gm.member_id = any($1)
            order by object_id, application_id, via_group_id nulls first, assignment_id""";

    private static final String GROUP_ROLES = """
            select ara.principal_id as object_id, ara.application_id, ara.id as assignment_id, r.id as role_id,
                   r.value, r.display_name, null::uuid as via_group_id
            from app_role_assignment ara join app_role r on r.id = ara.app_role_id
            where ara.principal_id = any($1) and ara.application_id = any($2)
            order by object_id, application_id, assignment_id""";

    private final ObjectVersions versions;
    private final OutboxWriter outbox;
    private final UserRepository users;
    private final GroupRepository groups;
    private final MembershipRepository memberships;

    public EffectiveStatePublisher(ObjectVersions versions, OutboxWriter outbox, UserRepository users,
            GroupRepository groups, MembershipRepository memberships) {
        this.versions = versions;
        this.outbox = outbox;
        this.users = users;
        this.groups = groups;
        this.memberships = memberships;
    }

    @Override
    public void publish(SqlTransaction tx, ChangeSet changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<UUID, Boolean> applications = applications(tx);
        Instant now = Instant.now();
        publishGroups(tx, applications, changes.groups(), now);
        changes.membershipSnapshots().forEach((groupId, apps) -> publishMembershipSnapshot(tx, groupId, apps, now));
        publishDeltas(tx, applications, changes.deltas(), now);
        changes.groupMembers().forEach((groupId, republish) -> publishGroupMembers(tx, applications, groupId,
                republish, now));
        publishUsers(tx, applications, changes.users(), now);
        publishDeletions(tx, applications, changes.deletions(), now);
    }

    @Override
    public void publishGroupMembers(SqlTransaction tx, UUID groupId, Audience audience, String cause) {
        publishGroupMembers(tx, applications(tx), groupId, new ChangeSet.Republish(audience, cause), Instant.now());
    }

    @Override
    public void publishUsers(SqlTransaction tx, List<UUID> ids, Audience audience, String cause) {
        publishUsers(tx, applications(tx), republishAll(ids, audience, cause), Instant.now());
    }

    @Override
    public void publishGroups(SqlTransaction tx, List<UUID> ids, Audience audience, String cause) {
        publishGroups(tx, applications(tx), republishAll(ids, audience, cause), Instant.now());
    }

    private static Map<UUID, ChangeSet.Republish> republishAll(List<UUID> ids, Audience audience, String cause) {
        Map<UUID, ChangeSet.Republish> targets = new LinkedHashMap<>();
        ChangeSet.Republish republish = new ChangeSet.Republish(audience, cause);
        ids.forEach(id -> targets.put(id, republish));
        return targets;
    }

    /** Every application, with whether it wants unassigned objects too. */
    public Map<UUID, Boolean> applications(SqlTransaction tx) {
        Map<UUID, Boolean> apps = new LinkedHashMap<>();
        for (Row row : tx.query("select id, publish_unassigned from application order by id")) {
            apps.put(row.getUUID(0), row.getBoolean(1));
        }
        return apps;
    }

    public void publishUsers(SqlTransaction tx, Map<UUID, Boolean> applications, Map<UUID, ChangeSet.Republish> targets,
            Instant now) {
        List<UUID> ids = new ArrayList<>(targets.keySet());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Set<UUID> candidates = candidates(applications, chunk, targets);
            if (candidates.isEmpty()) {
                continue;
            }
            Map<UUID, Map<UUID, List<RoleAssignment>>> roles = roles(tx, USER_ROLES, chunk, candidates);
            List<UUID> delivered = delivered(chunk, targets, candidates, roles, applications);
            if (delivered.isEmpty()) {
                continue;
            }
            Map<UUID, List<AssignmentEvent>> perUser = new LinkedHashMap<>();
            SnapshotEncoder encoder = new SnapshotEncoder();
            for (User user : users.findAll(tx, delivered)) {
                UserSnapshot snapshot = encoder.user(UserMapper.toSnapshot(user));
                ChangeSet.Republish target = targets.get(user.id());
                Map<UUID, List<RoleAssignment>> userRoles = roles.getOrDefault(user.id(), Map.of());
                List<AssignmentEvent> events = new ArrayList<>();
                for (UUID app : candidates) {
                    List<RoleAssignment> appRoles = userRoles.getOrDefault(app, List.of());
                    if (target.audience().includes(app, !appRoles.isEmpty(), applications.getOrDefault(app, false))) {
                        events.add(UserAssignmentEvent.of(UUID.randomUUID(), now, app.toString(), 0, target.cause(),
                                snapshot, !appRoles.isEmpty(), appRoles, user.softDeleted()));
                    }
                }
                perUser.put(user.id(), events);
            }
            append(tx, perUser, encoder);
        }
    }

    private void publishGroups(SqlTransaction tx, Map<UUID, Boolean> applications,
            Map<UUID, ChangeSet.Republish> targets, Instant now) {
        List<UUID> ids = new ArrayList<>(targets.keySet());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Set<UUID> candidates = candidates(applications, chunk, targets);
            Map<UUID, Map<UUID, List<RoleAssignment>>> roles = roles(tx, GROUP_ROLES, chunk, candidates);
            List<UUID> delivered = delivered(chunk, targets, candidates, roles, applications);
            if (delivered.isEmpty()) {
                continue;
            }
            Map<UUID, List<AssignmentEvent>> perGroup = new LinkedHashMap<>();
            SnapshotEncoder encoder = new SnapshotEncoder();
            for (Group group : groups.findAll(tx, delivered)) {
                GroupSnapshot snapshot = encoder.group(GroupMapper.toSnapshot(group));
                ChangeSet.Republish target = targets.get(group.id());
                Map<UUID, List<RoleAssignment>> groupRoles = roles.getOrDefault(group.id(), Map.of());
                List<AssignmentEvent> events = new ArrayList<>();
                for (UUID app : candidates) {
                    List<RoleAssignment> appRoles = groupRoles.getOrDefault(app, List.of());
                    if (target.audience().includes(app, !appRoles.isEmpty(), applications.getOrDefault(app, false))) {
                        events.add(GroupAssignmentEvent.of(UUID.randomUUID(), now, app.toString(), 0, target.cause(),
                                snapshot, !appRoles.isEmpty(), appRoles,
                                group.softDeleted()));
                    }
                }
                perGroup.put(group.id(), events);
            }
            append(tx, perGroup, encoder);
        }
    }

    @Override
    public void publishMembershipSnapshot(SqlTransaction tx, UUID groupId, Set<UUID> apps, Instant now) {
        if (apps.isEmpty() || groups.lockIfExists(tx, groupId).isEmpty()) {
            return;
        }
        long count = memberships.count(tx, groupId);
        int parts = (int) Math.max(1, (count + GroupMembershipEvent.MAX_MEMBERS_PER_EVENT - 1)
                / GroupMembershipEvent.MAX_MEMBERS_PER_EVENT);
        long first = versions.reserve(tx, Map.of(groupId, parts * apps.size())).get(groupId);
        Map<UUID, UUID> snapshotIds = new HashMap<>();
        apps.forEach(app -> snapshotIds.put(app, UUID.randomUUID()));
        UUID after = null;
        for (int part = 1; part <= parts; part++) {
            List<MemberRef> page = memberships.page(tx, groupId, after, GroupMembershipEvent.MAX_MEMBERS_PER_EVENT);
            if (!page.isEmpty()) {
                after = UUID.fromString(page.get(page.size() - 1).id());
            }
            List<AssignmentEvent> events = new ArrayList<>();
            int index = 0;
            for (UUID app : apps) {
                long version = first + (long) (part - 1) * apps.size() + index++;
                events.add(GroupMembershipEvent.snapshotPart(UUID.randomUUID(), now, app.toString(),
                        groupId.toString(), version, page,
                        new GroupMembershipEvent.SnapshotPart(snapshotIds.get(app), part, parts)));
            }
            outbox.append(tx, events);
        }
    }

    private void publishDeltas(SqlTransaction tx, Map<UUID, Boolean> applications,
            Map<UUID, ChangeSet.MembershipDelta> deltas, Instant now) {
        if (deltas.isEmpty()) {
            return;
        }
        Map<UUID, Set<UUID>> assignedTo = assignedApplications(tx, deltas.keySet());
        Set<UUID> existing = new HashSet<>(groups.existing(tx, deltas.keySet()));
        Map<UUID, List<AssignmentEvent>> perGroup = new LinkedHashMap<>();
        deltas.forEach((groupId, delta) -> {
            if (!existing.contains(groupId) || (delta.added().isEmpty() && delta.removed().isEmpty())) {
                return;
            }
            Set<UUID> assigned = assignedTo.getOrDefault(groupId, Set.of());
            List<AssignmentEvent> events = new ArrayList<>();
            for (UUID app : applications.keySet()) {
                if (!assigned.contains(app) && !applications.get(app)) {
                    continue;
                }
                List<MemberRef> added = new ArrayList<>(delta.added());
                List<MemberRef> removed = new ArrayList<>(delta.removed());
                int a = 0;
                int r = 0;
                while (a < added.size() || r < removed.size()) {
                    int takeAdded = Math.min(added.size() - a, GroupMembershipEvent.MAX_MEMBERS_PER_EVENT);
                    int takeRemoved = Math.min(removed.size() - r,
                            GroupMembershipEvent.MAX_MEMBERS_PER_EVENT - takeAdded);
                    events.add(GroupMembershipEvent.delta(UUID.randomUUID(), now, app.toString(), groupId.toString(),
                            0, added.subList(a, a + takeAdded), removed.subList(r, r + takeRemoved)));
                    a += takeAdded;
                    r += takeRemoved;
                }
            }
            perGroup.put(groupId, events);
        });
        append(tx, perGroup);
    }

    private void publishGroupMembers(SqlTransaction tx, Map<UUID, Boolean> applications, UUID groupId,
            ChangeSet.Republish republish, Instant now) {
        UUID after = null;
        while (true) {
            List<UUID> page = memberships.userPage(tx, groupId, after, CHUNK);
            if (page.isEmpty()) {
                return;
            }
            Map<UUID, ChangeSet.Republish> targets = new LinkedHashMap<>();
            page.forEach(id -> targets.put(id, republish));
            publishUsers(tx, applications, targets, now);
            after = page.get(page.size() - 1);
        }
    }

    private void publishDeletions(SqlTransaction tx, Map<UUID, Boolean> applications,
            List<ChangeSet.Deletion> deletions,
            Instant now) {
        Map<UUID, List<AssignmentEvent>> perObject = new LinkedHashMap<>();
        for (ChangeSet.Deletion deletion : deletions) {
            List<AssignmentEvent> events = new ArrayList<>();
            for (UUID app : applications.keySet()) {
                events.add(deletion.user()
                        ? UserDeletedEvent.of(UUID.randomUUID(), now, app.toString(), deletion.id().toString(), 0,
                                deletion.name())
                        : GroupDeletedEvent.of(UUID.randomUUID(), now, app.toString(), deletion.id().toString(), 0,
                                deletion.name()));
            }
            perObject.put(deletion.id(), events);
        }
        append(tx, perObject);
    }

    /** Gives each object's events consecutive versions, then appends them all. */
    private void append(SqlTransaction tx, Map<UUID, List<AssignmentEvent>> perObject) {
        append(tx, perObject, new SnapshotEncoder());
    }

    /** Gives each object's events consecutive versions, then appends them all, snapshots as {@code encoder} keeps them. */
    private void append(SqlTransaction tx, Map<UUID, List<AssignmentEvent>> perObject, SnapshotEncoder encoder) {
        Map<UUID, Integer> counts = new HashMap<>();
        perObject.forEach((id, events) -> {
            if (!events.isEmpty()) {
                counts.put(id, events.size());
            }
        });
        Map<UUID, Long> first = versions.reserve(tx, counts);
        List<AssignmentEvent> versioned = new ArrayList<>();
        perObject.forEach((id, events) -> {
            long version = first.getOrDefault(id, 0L);
            for (AssignmentEvent event : events) {
                versioned.add(EventVersions.withVersion(event, version++));
            }
        });
        outbox.append(tx, versioned, encoder::encode);
    }

    private static Set<UUID> candidates(Map<UUID, Boolean> applications, List<UUID> chunk,
            Map<UUID, ChangeSet.Republish> targets) {
        Set<UUID> candidates = new java.util.LinkedHashSet<>();
        for (UUID id : chunk) {
            Audience audience = targets.get(id).audience();
            if (audience.everyApplication()) {
                candidates.addAll(applications.keySet());
            }
            for (UUID app : audience.applications()) {
                if (applications.containsKey(app)) {
                    candidates.add(app);
                }
            }
        }
        return candidates;
    }

    /**
     * The objects of {@code chunk} that at least one application receives an event about: a user imported while no
     * application publishes unassigned users, for one, is not read back only to make no event.
     */
    private static List<UUID> delivered(List<UUID> chunk, Map<UUID, ChangeSet.Republish> targets,
            Set<UUID> candidates, Map<UUID, Map<UUID, List<RoleAssignment>>> roles, Map<UUID, Boolean> applications) {
        List<UUID> delivered = new ArrayList<>(chunk.size());
        for (UUID id : chunk) {
            Audience audience = targets.get(id).audience();
            Map<UUID, List<RoleAssignment>> objectRoles = roles.getOrDefault(id, Map.of());
            for (UUID app : candidates) {
                if (audience.includes(app, !objectRoles.getOrDefault(app, List.of()).isEmpty(),
                        applications.getOrDefault(app, false))) {
                    delivered.add(id);
                    break;
                }
            }
        }
        return delivered;
    }

    private static Map<UUID, Map<UUID, List<RoleAssignment>>> roles(SqlTransaction tx, String sql, List<UUID> objects,
            Set<UUID> apps) {
        Map<UUID, Map<UUID, List<RoleAssignment>>> roles = new HashMap<>();
        if (apps.isEmpty()) {
            return roles;
        }
        for (Row row : tx.query(sql, objects.toArray(UUID[]::new), apps.toArray(UUID[]::new))) {
            UUID via = row.getUUID("via_group_id");
            roles.computeIfAbsent(row.getUUID("object_id"), id -> new HashMap<>())
                    .computeIfAbsent(row.getUUID("application_id"), id -> new ArrayList<>())
                    .add(new RoleAssignment(row.getUUID("assignment_id").toString(),
                            row.getUUID("role_id").toString(), row.getString("value"),
                            row.getString("display_name"), via == null ? null : via.toString()));
        }
        return roles;
    }

    private static Map<UUID, Set<UUID>> assignedApplications(SqlTransaction tx, Set<UUID> principals) {
        Map<UUID, Set<UUID>> assigned = new HashMap<>();
        for (Row row : tx.query("select distinct principal_id, application_id from app_role_assignment"
                + " where principal_id = any($1)", (Object) principals.toArray(UUID[]::new))) {
            assigned.computeIfAbsent(row.getUUID(0), id -> new HashSet<>()).add(row.getUUID(1));
        }
        return assigned;
    }
}
