package io.scimitar.mock.patch;

import io.scimitar.mock.error.ScimException;

import java.util.Locale;

/** The three PATCH operations; Entra sends {@code Add}/{@code Replace}/{@code Remove}, Okta lowercase, both accepted. */
public enum PatchOperationType {
    ADD, REPLACE, REMOVE;

    public static PatchOperationType of(String op) {
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "add" -> ADD;
            case "replace" -> REPLACE;
            case "remove" -> REMOVE;
            default -> throw ScimException.invalidValue("Unsupported PATCH op '" + op + "'; expected Add, Replace or Remove");
        };
    }
}
