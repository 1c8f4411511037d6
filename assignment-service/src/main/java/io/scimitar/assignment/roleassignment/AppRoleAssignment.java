package io.scimitar.assignment.roleassignment;

import io.scimitar.events.MemberRef;

import java.time.Instant;
import java.util.UUID;

/** A user or group assigned to an application with one app role. */
public record AppRoleAssignment(UUID id, UUID applicationId, UUID appRoleId, UUID principalId,
        MemberRef.MemberType principalType, Instant createdDateTime) {
}
