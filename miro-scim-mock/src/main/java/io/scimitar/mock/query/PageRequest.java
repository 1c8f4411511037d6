package io.scimitar.mock.query;

import io.scimitar.mock.error.ScimException;

import java.util.List;

/** startIndex/count paging (1-based), clamped to Miro's default of 100 and maximum of 1000 results. */
public record PageRequest(int startIndex, int count) {

    public static PageRequest of(String startIndex, String count, int defaultCount, int maxCount) {
        int start = parse("startIndex", startIndex, 1);
        int size = parse("count", count, defaultCount);
        return new PageRequest(Math.max(1, start), Math.min(Math.max(0, size), maxCount));
    }

    public <T> List<T> slice(List<T> all) {
        int from = Math.min(startIndex - 1, all.size());
        int to = (int) Math.min((long) from + count, all.size());
        return all.subList(from, to);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer, got '" + value + "'");
        }
    }
}
