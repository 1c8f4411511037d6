package io.scimitar.provisioner.rules.function;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The roles produced by AppRoleAssignmentsComplex (patched with Add: never removes roles) or
 * AssertiveAppRoleAssignmentsComplex (patched with replace: removes roles no longer assigned).
 */
public record RoleList(List<ScimRole> roles, PatchMode patchMode) {

    /** How the SCIM client must patch the {@code roles} attribute. */
    public enum PatchMode { ADD, REPLACE }

    public RoleList {
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return roles.stream().map(ScimRole::value).collect(Collectors.joining(","));
    }
}
