package io.scimitar.assignment.application;

import java.util.UUID;

/** A role of an application; {@code defaultAccess} marks the "Default Access" role every application has. */
public record AppRole(UUID id, UUID applicationId, String value, String displayName, String description,
        boolean defaultAccess) {

    public static final String DEFAULT_ACCESS_VALUE = "User";
    public static final String DEFAULT_ACCESS_NAME = "Default Access";
}
