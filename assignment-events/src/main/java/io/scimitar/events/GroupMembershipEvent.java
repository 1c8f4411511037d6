package io.scimitar.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change to a group's direct members, never more than {@link #MAX_MEMBERS_PER_EVENT} of them, so that a group of
 * any size never produces an oversized message.
 * <p>
 * A delta ({@code snapshot == null}) adds and removes members. A snapshot is a series of parts sharing one
 * {@link SnapshotPart#snapshotId()}; each part lists some members in {@code added}; once all parts are in, they are
 * the complete membership and replace what the consumer knew.
 */
public record GroupMembershipEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        String objectId,
        long objectVersion,
        List<MemberRef> added,
        List<MemberRef> removed,
        SnapshotPart snapshot) implements AssignmentEvent {

    public static final String TYPE = "group.membership";

    /** The most members one event carries. */
    public static final int MAX_MEMBERS_PER_EVENT = 1000;

    public GroupMembershipEvent {
        EventChecks.require(TYPE, type, schemaVersion);
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
        if (added.size() + removed.size() > MAX_MEMBERS_PER_EVENT) {
            throw new IllegalArgumentException("A membership event carries at most " + MAX_MEMBERS_PER_EVENT
                    + " members, not " + (added.size() + removed.size()));
        }
        if (snapshot != null && !removed.isEmpty()) {
            throw new IllegalArgumentException("A snapshot part lists members in 'added' only");
        }
    }

    public static GroupMembershipEvent delta(UUID eventId, Instant occurredAt, String applicationId, String groupId,
            long objectVersion, List<MemberRef> added, List<MemberRef> removed) {
        return new GroupMembershipEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, groupId,
                objectVersion, added, removed, null);
    }

    public static GroupMembershipEvent snapshotPart(UUID eventId, Instant occurredAt, String applicationId,
            String groupId, long objectVersion, List<MemberRef> members, SnapshotPart part) {
        return new GroupMembershipEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, groupId,
                objectVersion, members, List.of(), part);
    }

    @JsonIgnore
    public boolean isSnapshot() {
        return snapshot != null;
    }

    /**
     * Where a snapshot part stands in its series.
     *
     * @param snapshotId shared by every part of one snapshot
     * @param part       1-based index of this part
     * @param parts      how many parts the snapshot has (a group without members has one empty part)
     */
    public record SnapshotPart(UUID snapshotId, int part, int parts) {
        public SnapshotPart {
            if (parts < 1 || part < 1 || part > parts) {
                throw new IllegalArgumentException("Snapshot part " + part + " of " + parts + " is out of range");
            }
        }

        @JsonIgnore
        public boolean isLast() {
            return part == parts;
        }
    }
}
