package io.scimitar.events;

import java.time.Instant;

/** The attributes of a source group (its members travel in {@link GroupMembershipEvent}s). */
public record GroupSnapshot(
        String id,
        String displayName,
        String mailNickname,
        String description,
        boolean securityEnabled,
        Instant createdDateTime,
        Instant modifiedDateTime,
        Instant deletedDateTime) {
}
