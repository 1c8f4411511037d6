package io.scimitar.mock.team;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A Miro team (a SCIM Group in the legacy model) or user group (new model), told apart by {@link GroupKind}. Members live in one insertion-ordered map guarded by the team's
 * monitor, so adding a user to a large team costs O(1) and readers always see a consistent copy.
 */
public final class Team {

    private final String id;
    private final GroupKind kind;
    private final String created;
    private String displayName;
    private String externalId;
    private String lastModified;
    private final LinkedHashMap<String, TeamRole> members;
    /** Told of every member who joins or leaves while the team is stored in a repository; null otherwise. */
    private MembershipIndex memberships;

    public Team(String id, String displayName, Map<String, TeamRole> members, String created, String lastModified) {
        this(id, GroupKind.TEAM, displayName, null, members, created, lastModified);
    }

    public Team(String id, GroupKind kind, String displayName, String externalId, Map<String, TeamRole> members,
                String created, String lastModified) {
        this.id = id;
        this.kind = kind;
        this.displayName = displayName;
        this.externalId = externalId;
        this.members = new LinkedHashMap<>(members);
        this.created = created;
        this.lastModified = lastModified;
    }

    public String id() {
        return id;
    }

    public GroupKind kind() {
        return kind;
    }

    public boolean isUserGroup() {
        return kind == GroupKind.USER_GROUP;
    }

    public String created() {
        return created;
    }

    public synchronized String displayName() {
        return displayName;
    }

    /** Stored and echoed for user groups only; always null for teams. */
    public synchronized String externalId() {
        return externalId;
    }

    public synchronized String lastModified() {
        return lastModified;
    }

    /** A consistent copy of the members and their roles. */
    public synchronized Map<String, TeamRole> members() {
        return new LinkedHashMap<>(members);
    }

    public synchronized boolean hasMember(String userId) {
        return members.containsKey(userId);
    }

    public synchronized TeamRole roleOf(String userId) {
        return members.get(userId);
    }

    public synchronized long adminCount() {
        return members.values().stream().filter(r -> r == TeamRole.ADMIN).count();
    }

    public synchronized void putMember(String userId, TeamRole role, boolean keepExistingRole, String now) {
        TeamRole previous = keepExistingRole ? members.putIfAbsent(userId, role) : members.put(userId, role);
        if (previous == null && memberships != null) {
            memberships.joined(userId, id);
        }
        lastModified = now;
    }

    public synchronized void removeMember(String userId, String now) {
        if (members.remove(userId) != null) {
            if (memberships != null) {
                memberships.left(userId, id);
            }
            lastModified = now;
        }
    }

    /** Starts telling the repository's membership index about this team's members, the current ones first. */
    synchronized void attach(MembershipIndex index) {
        if (memberships == index) {
            return;
        }
        detach();
        memberships = index;
        members.keySet().forEach(userId -> index.joined(userId, id));
    }

    /** Takes this team's members out of the index it was attached to (the team left the repository). */
    synchronized void detach() {
        if (memberships != null) {
            members.keySet().forEach(userId -> memberships.left(userId, id));
            memberships = null;
        }
    }

    /** Computes a change from a copy of the state and commits it atomically; a thrown exception changes nothing. */
    public synchronized <T> T change(Function<TeamChange, T> change, String now) {
        TeamChange working = new TeamChange(kind == GroupKind.USER_GROUP, displayName, externalId, members);
        T result = change.apply(working);
        displayName = working.displayName;
        if (kind == GroupKind.USER_GROUP) {
            externalId = working.externalId;
        }
        if (memberships != null) {
            members.keySet().stream().filter(userId -> !working.members.containsKey(userId))
                    .forEach(userId -> memberships.left(userId, id));
            working.members.keySet().stream().filter(userId -> !members.containsKey(userId))
                    .forEach(userId -> memberships.joined(userId, id));
        }
        members.clear();
        members.putAll(working.members);
        lastModified = now;
        return result;
    }
}
