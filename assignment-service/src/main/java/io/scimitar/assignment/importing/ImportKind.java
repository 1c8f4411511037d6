package io.scimitar.assignment.importing;

import io.scimitar.assignment.error.NotFoundException;

import java.util.Locale;

/** What a bulk request imports. */
public enum ImportKind {
    USERS, GROUPS, MEMBERSHIPS, ASSIGNMENTS;

    public static ImportKind of(String path) {
        try {
            return valueOf(path.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Import kind", path);
        }
    }
}
