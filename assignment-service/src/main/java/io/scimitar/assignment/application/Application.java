package io.scimitar.assignment.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An enterprise application (e.g. Miro) with its app roles. {@code publishUnassigned} makes every user and group
 * of the directory part of its events (assigned=false where not assigned), for "Sync all users and groups".
 */
public record Application(UUID id, String displayName, boolean publishUnassigned, List<AppRole> appRoles,
        Instant createdDateTime, Instant modifiedDateTime, long rowVersion) {
}
