package io.scimitar.security;

/** The roles of API callers. */
public final class ApiRoles {

    /** Reads jobs, progress, logs and directory data. */
    public static final String READER = "reader";

    /** Everything a reader may do, and every change. */
    public static final String ADMIN = "admin";

    private ApiRoles() {
    }
}
