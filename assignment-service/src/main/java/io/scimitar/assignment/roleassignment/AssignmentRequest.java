package io.scimitar.assignment.roleassignment;

/**
 * Assigns a user or group to an application. {@code appRoleId} defaults to the "Default Access" role;
 * {@code applicationId} is read from import rows only (the REST path names the application).
 */
public record AssignmentRequest(String applicationId, String principalId, String appRoleId) {
}
