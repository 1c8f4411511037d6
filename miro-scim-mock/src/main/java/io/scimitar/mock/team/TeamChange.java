package io.scimitar.mock.team;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The outcome of a Group PATCH being computed: the new name and members, and which users were added. */
public final class TeamChange {

    final boolean userGroup;
    String displayName;
    String externalId;
    final Map<String, TeamRole> members;
    final Set<String> added = new LinkedHashSet<>();

    TeamChange(boolean userGroup, String displayName, String externalId, Map<String, TeamRole> members) {
        this.userGroup = userGroup;
        this.displayName = displayName;
        this.externalId = externalId;
        this.members = new LinkedHashMap<>(members);
    }

    void add(String userId) {
        if (!members.containsKey(userId)) {
            members.put(userId, TeamRole.MEMBER);
        }
        added.add(userId);
    }

    void remove(String userId) {
        members.remove(userId);
        added.remove(userId);
    }

    void replace(Iterable<String> userIds, Map<String, TeamRole> previous) {
        members.clear();
        added.clear();
        for (String userId : userIds) {
            members.put(userId, previous.getOrDefault(userId, TeamRole.MEMBER));
            added.add(userId);
        }
    }

    long adminCount() {
        return members.values().stream().filter(r -> r == TeamRole.ADMIN).count();
    }
}
