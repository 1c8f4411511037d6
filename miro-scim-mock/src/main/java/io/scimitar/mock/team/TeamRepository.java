package io.scimitar.mock.team;

import io.scimitar.mock.error.ScimException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory, thread-safe store of teams; each team guards its own members. */
@Singleton
public class TeamRepository {

    /** Group ids are numbers of one width in practice; a shorter one was created earlier. */
    static final Comparator<String> CREATION_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Team> teams = new ConcurrentHashMap<>();
    private final MembershipIndex memberships = new MembershipIndex();

    public Team get(String id) {
        return teams.get(id);
    }

    public void put(Team team) {
        Team replaced = teams.put(team.id(), team);
        if (replaced != null && replaced != team) {
            replaced.detach();
        }
        team.attach(memberships);
    }

    /** The team, or a 404 SCIM error. */
    public Team require(String id) {
        Team team = teams.get(id);
        if (team == null) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return team;
    }

    /** All teams ordered by id (creation order). */
    public List<Team> all() {
        List<Team> result = new ArrayList<>(teams.values());
        result.sort(Comparator.comparing(Team::id, CREATION_ORDER));
        return result;
    }

    public Collection<Team> values() {
        return teams.values();
    }

    /** All groups of one kind ordered by id (creation order). */
    public List<Team> all(GroupKind kind) {
        return all().stream().filter(t -> t.kind() == kind).toList();
    }

    /** Whether another group of the same kind has this name, ignoring case (teams and user groups are separate). */
    public boolean displayNameTaken(GroupKind kind, String displayName, String exceptId) {
        return teams.values().stream()
                .anyMatch(t -> t.kind() == kind && !t.id().equals(exceptId) && t.displayName().equalsIgnoreCase(displayName));
    }

    /** The groups (of either kind) the user is a member of, in creation order. */
    public List<Team> groupsOf(String userId) {
        List<Team> groups = new ArrayList<>();
        for (String groupId : memberships.groupIdsOf(userId)) {
            Team team = teams.get(groupId);
            if (team != null && team.hasMember(userId)) {
                groups.add(team);
            }
        }
        return groups;
    }

    public Team remove(String id) {
        Team removed = teams.remove(id);
        if (removed != null) {
            removed.detach();
        }
        return removed;
    }

    public void clear() {
        teams.values().forEach(Team::detach);
        teams.clear();
        memberships.clear();
    }
}
