package io.scimitar.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An application was deleted from the directory, with its assignments: no further assignment events come for it.
 * Kept on the compacted topic (it is not a tombstone) so that a consumer reading from the beginning learns it too.
 */
public record ApplicationDeletedEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        long version,
        String displayName) implements ApplicationEvent {

    public static final String TYPE = "application.deleted";

    public ApplicationDeletedEvent {
        EventChecks.require(TYPE, type, schemaVersion);
    }

    public static ApplicationDeletedEvent of(UUID eventId, Instant occurredAt, String applicationId, long version,
            String displayName) {
        return new ApplicationDeletedEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, version,
                displayName);
    }
}
