package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.AttributeValues;

import java.time.Instant;
import java.util.UUID;

/**
 * A directory user as stored: its id, the values of {@link UserAttributes#ALL}, its times, and {@code rowVersion},
 * the optimistic-concurrency version (the ETag).
 */
public record User(UUID id, AttributeValues attributes, Instant createdDateTime, Instant modifiedDateTime,
        Instant deletedDateTime, long rowVersion) {

    public boolean softDeleted() {
        return deletedDateTime != null;
    }

    public String userPrincipalName() {
        return attributes.text("userPrincipalName");
    }

    public String displayName() {
        return attributes.text("displayName");
    }

    public boolean accountEnabled() {
        return Boolean.TRUE.equals(attributes.bool("accountEnabled"));
    }

    public UUID managerId() {
        String manager = attributes.text("managerId");
        return manager == null ? null : UUID.fromString(manager);
    }
}
