package io.scimitar.events;

/**
 * One app role through which an object is assigned to the application.
 *
 * @param assignmentId the app-role assignment's id
 * @param appRoleId    the role's id
 * @param value        the role's value (what mappings such as SingleAppRoleAssignment return)
 * @param displayName  the role's display name
 * @param viaGroupId   the directly assigned group the user inherits this role from, or null for a direct assignment
 */
public record RoleAssignment(String assignmentId, String appRoleId, String value, String displayName, String viaGroupId) {
}
