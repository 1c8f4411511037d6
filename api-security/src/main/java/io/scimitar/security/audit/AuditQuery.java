package io.scimitar.security.audit;

import jakarta.ws.rs.BadRequestException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The filters and page of {@code GET /api/v1/audit}, checked: a bad parameter is a 400 naming it. */
public record AuditQuery(String actor, String resourceType, String resourceId, Instant since, Instant until,
        int limit, Long after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final int MAX_TEXT = 256;

    /** Reads the query parameters as given (null when absent). */
    public static AuditQuery of(String actor, String resourceType, String resourceId, String since, String until,
            String limit, String after) {
        Instant from = instant("since", since);
        Instant to = instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw bad("until", "must be later than since");
        }
        return new AuditQuery(text("actor", actor), text("resourceType", resourceType),
                text("resourceId", resourceId), from, to, limit(limit), cursor(after));
    }

    private static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw bad(name, "must be at most " + MAX_TEXT + " characters without control characters");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw bad(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }

    private static Long cursor(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long after = Long.parseLong(value);
            if (after > 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad("after", "must be the nextCursor of a previous page");
    }

    private static BadRequestException bad(String parameter, String reason) {
        return new BadRequestException("Query parameter '" + parameter + "' " + reason);
    }
}
