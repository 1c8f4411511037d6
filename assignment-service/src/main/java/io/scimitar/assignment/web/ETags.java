package io.scimitar.assignment.web;

import io.scimitar.assignment.error.MalformedInputException;

/** Versions as HTTP entity tags: {@code "7"} is version 7. */
public final class ETags {

    private ETags() {
    }

    /** The version an If-Match header asks for, or null when there is none (or it is {@code *}). */
    public static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedInputException("If-Match", "If-Match must be an ETag returned by this API");
        }
    }
}
