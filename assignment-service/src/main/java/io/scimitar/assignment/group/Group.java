package io.scimitar.assignment.group;

import io.scimitar.assignment.attribute.AttributeValues;

import java.time.Instant;
import java.util.UUID;

/**
 * A directory group as stored: its id, the values of {@link GroupAttributes#ALL}, its times; {@code rowVersion} is
 * the optimistic-concurrency version (the ETag), and {@code deletedDateTime} is set while the group is soft-deleted
 * (restorable).
 */
public record Group(UUID id, AttributeValues attributes, Instant createdDateTime, Instant modifiedDateTime,
        Instant deletedDateTime, long rowVersion) {

    public boolean softDeleted() {
        return deletedDateTime != null;
    }

    public String displayName() {
        return attributes.text("displayName");
    }

    public boolean securityEnabled() {
        return Boolean.TRUE.equals(attributes.bool("securityEnabled"));
    }

    /** This group with other times and version. */
    public Group at(Instant modified, Instant deleted, long version) {
        return new Group(id, attributes, createdDateTime, modified, deleted, version);
    }
}
