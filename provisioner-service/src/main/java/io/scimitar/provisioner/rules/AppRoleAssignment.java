package io.scimitar.provisioner.rules;

/**
 * One app role assignment of the source object: the role's id, value and display name, and the principal that holds
 * it ({@code principalType} "User" for a direct assignment, "Group" when assigned through a group).
 */
public record AppRoleAssignment(String appRoleId, String value, String displayName, String principalId,
                                String principalType) {

    /** A direct user assignment of a role. */
    public static AppRoleAssignment direct(String appRoleId, String value, String displayName) {
        return new AppRoleAssignment(appRoleId, value, displayName, null, "User");
    }

    /** True when the role reaches the user through a group assignment. */
    public boolean viaGroup() {
        return "Group".equalsIgnoreCase(principalType);
    }
}
