package io.scimitar.assignment.application;

import java.util.List;

/** A new application, or the result of a merge patch; {@code appRoles} is read on create only. */
public record ApplicationRequest(String id, String displayName, Boolean publishUnassigned,
        List<AppRoleRequest> appRoles) {
}
