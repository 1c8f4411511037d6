package io.scimitar.events;

import java.time.Instant;
import java.util.UUID;

/** A group was hard-deleted from the directory. */
public record GroupDeletedEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        String objectId,
        long objectVersion,
        String displayName) implements AssignmentEvent {

    public static final String TYPE = "group.deleted";

    public GroupDeletedEvent {
        EventChecks.require(TYPE, type, schemaVersion);
    }

    public static GroupDeletedEvent of(UUID eventId, Instant occurredAt, String applicationId, String groupId,
            long objectVersion, String displayName) {
        return new GroupDeletedEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, groupId, objectVersion,
                displayName);
    }
}
