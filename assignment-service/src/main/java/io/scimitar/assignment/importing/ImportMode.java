package io.scimitar.assignment.importing;

import io.scimitar.assignment.error.MalformedInputException;

import java.util.Locale;

/**
 * What an import row naming an existing user or group does to the fields it leaves out: {@code merge} (the default)
 * keeps them, like a JSON merge patch; {@code replace} clears them, like a PUT of the whole object.
 */
public enum ImportMode {
    MERGE, REPLACE;

    /** The {@code mode} query parameter; absent means merge. */
    public static ImportMode of(String value, ImportKind kind) {
        if (value == null || value.isEmpty()) {
            return MERGE;
        }
        if (kind != ImportKind.USERS && kind != ImportKind.GROUPS) {
            throw new MalformedInputException("mode",
                    "Query parameter 'mode' applies to users and groups only: membership and assignment rows have"
                            + " no fields to merge");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "merge" -> MERGE;
            case "replace" -> REPLACE;
            default -> throw new MalformedInputException("mode", "Query parameter 'mode' must be merge or replace");
        };
    }
}
