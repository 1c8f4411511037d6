package io.scimitar.assignment.web;

import io.scimitar.assignment.error.MalformedInputException;

import java.util.UUID;

/**
 * Reads query parameters strictly, answering a bad one with 400 naming it: JAX-RS would answer 404 for a number that
 * does not parse and read any word but "true" as false.
 */
public final class QueryParams {

    /** The longest filter value: as long as the longest text field it is compared with. */
    public static final int MAX_FILTER_LENGTH = 256;

    private QueryParams() {
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedInputException(name, "Query parameter '" + name + "' must be a whole number");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase());
        }
        throw new MalformedInputException(name, "Query parameter '" + name + "' must be true or false");
    }

    public static boolean flag(String name, String value) {
        return Boolean.TRUE.equals(bool(name, value));
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(name, "Query parameter '" + name + "' must be a GUID");
        }
    }

    /** A text filter: at most {@link #MAX_FILTER_LENGTH} characters of text that could be stored. */
    public static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw new MalformedInputException(name,
                    "Query parameter '" + name + "' must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        String problem = TextRules.problem(value);
        if (problem != null) {
            throw new MalformedInputException(name, "Query parameter '" + name + "' " + problem);
        }
        return value;
    }
}
