package io.scimitar.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The effective state of a user for an application: its full attribute snapshot and whether (and with which roles)
 * it is assigned, directly or through a directly assigned group. Published for unassigned users too
 * ({@code assigned=false}) so that a job can provision "all users and groups".
 *
 * @param cause what changed in the source, for logs (e.g. {@code USER_UPDATED}, {@code ASSIGNMENT_ADDED},
 *              {@code RESNAPSHOT})
 */
public record UserAssignmentEvent(
        String type,
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        String applicationId,
        String objectId,
        long objectVersion,
        String cause,
        UserSnapshot user,
        boolean assigned,
        List<RoleAssignment> roles,
        boolean softDeleted) implements AssignmentEvent {

    public static final String TYPE = "user.assignment";

    public UserAssignmentEvent {
        EventChecks.require(TYPE, type, schemaVersion);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static UserAssignmentEvent of(UUID eventId, Instant occurredAt, String applicationId, long objectVersion,
            String cause, UserSnapshot user, boolean assigned, List<RoleAssignment> roles, boolean softDeleted) {
        return new UserAssignmentEvent(TYPE, SCHEMA_VERSION, eventId, occurredAt, applicationId, user.id(),
                objectVersion, cause, user, assigned, roles, softDeleted);
    }

    /** True when the user is assigned, enabled and not soft-deleted: the target account should be active. */
    public boolean shouldBeActive() {
        return assigned && user.accountEnabled() && !softDeleted;
    }
}
