package io.scimitar.events;

import java.time.Instant;
import java.util.UUID;

/** A user was hard-deleted from the directory: it can never come back. */
public record UserDeletedEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        String objectId,
        long objectVersion,
        String userPrincipalName) implements AssignmentEvent {

    public static final String TYPE = "user.deleted";

    public UserDeletedEvent {
        EventChecks.require(TYPE, type, schemaVersion);
    }

    public static UserDeletedEvent of(UUID eventId, Instant occurredAt, String applicationId, String userId,
            long objectVersion, String userPrincipalName) {
        return new UserDeletedEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, userId, objectVersion,
                userPrincipalName);
    }
}
