package io.scimitar.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The effective state of a group for an application: its attributes and whether (and with which roles) it is assigned. */
public record GroupAssignmentEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        String objectId,
        long objectVersion,
        String cause,
        GroupSnapshot group,
        boolean assigned,
        List<RoleAssignment> roles,
        boolean softDeleted) implements AssignmentEvent {

    public static final String TYPE = "group.assignment";

    public GroupAssignmentEvent {
        EventChecks.require(TYPE, type, schemaVersion);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static GroupAssignmentEvent of(UUID eventId, Instant occurredAt, String applicationId, long objectVersion,
            String cause, GroupSnapshot group, boolean assigned, List<RoleAssignment> roles, boolean softDeleted) {
        return new GroupAssignmentEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, group.id(),
                objectVersion, cause, group, assigned, roles, softDeleted);
    }
}
