package io.scimitar.assignment.roleassignment;

import io.scimitar.events.MemberRef;

import java.time.Instant;
import java.util.UUID;

/** An app-role assignment as the API returns it. */
public record AssignmentResponse(UUID id, UUID applicationId, UUID appRoleId, UUID principalId,
        MemberRef.MemberType principalType, Instant createdDateTime) {

    public static AssignmentResponse of(AppRoleAssignment a) {
        return new AssignmentResponse(a.id(), a.applicationId(), a.appRoleId(), a.principalId(), a.principalType(),
                a.createdDateTime());
    }
}
