package io.scimitar.events;

import java.time.Instant;
import java.util.UUID;

/** An application exists in the directory with this name: published when it is created or changed (and backfilled). */
public record ApplicationStateEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        long version,
        String cause,
        String displayName) implements ApplicationEvent {

    public static final String TYPE = "application.state";
    public static final String CREATED = "APPLICATION_CREATED";
    public static final String UPDATED = "APPLICATION_UPDATED";
    /** Written by the migration that announced the applications existing before this event was introduced. */
    public static final String BACKFILL = "BACKFILL";

    public ApplicationStateEvent {
        EventChecks.require(TYPE, type, schemaVersion);
    }

    public static ApplicationStateEvent of(UUID eventId, Instant occurredAt, String applicationId, long version,
            String cause, String displayName) {
        return new ApplicationStateEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, version, cause,
                displayName);
    }
}
