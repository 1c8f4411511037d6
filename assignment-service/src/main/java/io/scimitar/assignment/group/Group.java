package io.scimitar.assignment.group;

import java.time.Instant;
import java.util.UUID;

/**
 * A directory group as stored; {@code rowVersion} is the optimistic-concurrency version (the ETag), and
 * {@code deletedDateTime} is set while the group is soft-deleted (restorable).
 */
public record Group(UUID id, String displayName, String mailNickname, String description, boolean securityEnabled,
        Instant createdDateTime, Instant modifiedDateTime, Instant deletedDateTime, long rowVersion) {

    public boolean softDeleted() {
        return deletedDateTime != null;
    }
}
