package io.scimitar.assignment.deadletter;

import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;

import java.util.List;

/**
 * Keyset paging of dead letters by their (numeric) id, with the limits of every other list ({@link PageRequest}):
 * at most {@code limit} dead letters whose id is greater than {@code after}.
 */
public record DeadLetterPageRequest(int limit, long after) {

    /** Reads the {@code limit} and {@code after} query parameters: 400 when not numbers, 422 when out of range. */
    public static DeadLetterPageRequest of(String limit, String after) {
        long size = limit == null || limit.isBlank() ? PageRequest.DEFAULT_LIMIT : parse("limit", limit);
        if (size < 1 || size > PageRequest.MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        long cursor = after == null || after.isBlank() ? 0 : parse("after", after);
        if (cursor < 0) {
            throw new InvalidInputException("after", "must be the nextCursor of a previous page");
        }
        return new DeadLetterPageRequest((int) size, cursor);
    }

    /** Builds the page from up to {@code limit + 1} fetched dead letters: the extra one only says there is more. */
    public Page<DeadLetter> page(List<DeadLetter> fetched) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<DeadLetter> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, Long.toString(items.get(limit - 1).id()));
    }

    private static long parse(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new MalformedInputException(field, "must be a whole number");
        }
    }
}
