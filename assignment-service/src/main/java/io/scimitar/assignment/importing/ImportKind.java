package io.scimitar.assignment.importing;

import io.scimitar.assignment.error.NotFoundException;

import java.util.Locale;

/** What a bulk request imports. */
public enum ImportKind {
    USERS("app_user"), GROUPS("app_group"), MEMBERSHIPS("group_member"), ASSIGNMENTS("app_role_assignment");

    private final String table;

    ImportKind(String table) {
        this.table = table;
    }

    /** The table its rows go to. */
    String table() {
        return table;
    }

    public static ImportKind of(String path) {
        try {
            return valueOf(path.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Import kind", path);
        }
    }
}
