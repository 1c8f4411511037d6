package io.scimitar.assignment.change;

import io.scimitar.events.MemberRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one transaction changed, collected while it runs and turned into events just before it commits, so that
 * every event shows the final state of the transaction and a batch of changes is published set by set.
 */
public final class ChangeSet {

    /** An object whose effective state must be published again, to whom, and why. */
    public record Republish(Audience audience, String cause) {
        Republish with(Audience more) {
            return new Republish(audience.with(more), cause);
        }
    }

    /** A net change of one group's direct members. */
    public record MembershipDelta(Set<MemberRef> added, Set<MemberRef> removed) {
    }

    /** A user or group that was hard-deleted, with the name the deletion event carries. */
    public record Deletion(UUID id, boolean user, String name) {
    }

    private final Map<UUID, Republish> users = new LinkedHashMap<>();
    private final Map<UUID, Republish> groups = new LinkedHashMap<>();
    private final Map<UUID, Republish> groupMembers = new LinkedHashMap<>();
    private final Map<UUID, Set<UUID>> membershipSnapshots = new LinkedHashMap<>();
    private final Map<UUID, MembershipDelta> deltas = new LinkedHashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();

    public void user(UUID id, Audience audience, String cause) {
        users.merge(id, new Republish(audience, cause), (old, add) -> old.with(add.audience()));
    }

    public void group(UUID id, Audience audience, String cause) {
        groups.merge(id, new Republish(audience, cause), (old, add) -> old.with(add.audience()));
    }

    /** Every direct user member of a group, e.g. when the group's assignment to an application changed. */
    public void groupMembers(UUID groupId, Audience audience, String cause) {
        groupMembers.merge(groupId, new Republish(audience, cause), (old, add) -> old.with(add.audience()));
    }

    public void membershipSnapshot(UUID groupId, UUID applicationId) {
        membershipSnapshots.computeIfAbsent(groupId, id -> new LinkedHashSet<>()).add(applicationId);
    }

    public void memberAdded(UUID groupId, MemberRef member) {
        MembershipDelta delta = delta(groupId);
        if (!delta.removed().remove(member)) {
            delta.added().add(member);
        }
    }

    public void memberRemoved(UUID groupId, MemberRef member) {
        MembershipDelta delta = delta(groupId);
        if (!delta.added().remove(member)) {
            delta.removed().add(member);
        }
    }

    public void userDeleted(UUID id, String userPrincipalName) {
        users.remove(id);
        deletions.add(new Deletion(id, true, userPrincipalName));
    }

    public void groupDeleted(UUID id, String displayName) {
        groups.remove(id);
        deltas.remove(id);
        membershipSnapshots.remove(id);
        deletions.add(new Deletion(id, false, displayName));
    }

    /** Adds everything {@code other} recorded, as if it had been recorded here after what is here. */
    public void addAll(ChangeSet other) {
        other.users.forEach((id, r) -> users.merge(id, r, (old, add) -> old.with(add.audience())));
        other.groups.forEach((id, r) -> groups.merge(id, r, (old, add) -> old.with(add.audience())));
        other.groupMembers.forEach((id, r) -> groupMembers.merge(id, r, (old, add) -> old.with(add.audience())));
        other.membershipSnapshots.forEach((id, apps) -> apps.forEach(app -> membershipSnapshot(id, app)));
        other.deltas.forEach((id, delta) -> {
            delta.added().forEach(member -> memberAdded(id, member));
            delta.removed().forEach(member -> memberRemoved(id, member));
        });
        other.deletions.forEach(deletion -> {
            if (deletion.user()) {
                userDeleted(deletion.id(), deletion.name());
            } else {
                groupDeleted(deletion.id(), deletion.name());
            }
        });
    }

    private MembershipDelta delta(UUID groupId) {
        return deltas.computeIfAbsent(groupId, id -> new MembershipDelta(new LinkedHashSet<>(), new LinkedHashSet<>()));
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && groupMembers.isEmpty() && membershipSnapshots.isEmpty()
                && deltas.isEmpty() && deletions.isEmpty();
    }

    public Map<UUID, Republish> users() {
        return users;
    }

    public Map<UUID, Republish> groups() {
        return groups;
    }

    public Map<UUID, Republish> groupMembers() {
        return groupMembers;
    }

    public Map<UUID, Set<UUID>> membershipSnapshots() {
        return membershipSnapshots;
    }

    public Map<UUID, MembershipDelta> deltas() {
        return deltas;
    }

    public List<Deletion> deletions() {
        return deletions;
    }
}
