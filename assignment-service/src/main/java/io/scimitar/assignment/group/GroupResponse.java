package io.scimitar.assignment.group;

import java.time.Instant;
import java.util.UUID;

/** A group as the API returns it; {@code version} is also sent as the ETag. */
public record GroupResponse(UUID id, String displayName, String mailNickname, String description,
        boolean securityEnabled, Instant createdDateTime, Instant modifiedDateTime, Instant deletedDateTime,
        long version) {
}
