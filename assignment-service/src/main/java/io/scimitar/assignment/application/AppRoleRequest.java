package io.scimitar.assignment.application;

/** A new app role, or the result of a merge patch on one. */
public record AppRoleRequest(String id, String value, String displayName, String description) {
}
