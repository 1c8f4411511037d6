package io.scimitar.provisioner.rules.function;

/** One element of the SCIM {@code roles} attribute produced from an app role assignment. */
public record ScimRole(String value, String display, String type, boolean primary, String appRoleId) {

    public static final String ENTRA_ROLE_TYPE = "WindowsAzureActiveDirectoryRole";
}
