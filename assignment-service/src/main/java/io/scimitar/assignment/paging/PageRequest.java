package io.scimitar.assignment.paging;

import io.scimitar.assignment.error.InvalidInputException;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Keyset paging by id: at most {@code limit} items whose id is greater than {@code after}. */
public record PageRequest(int limit, UUID after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Reads the {@code limit} and {@code after} query parameters, refusing values out of range. */
    public static PageRequest of(Integer limit, String after) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        UUID cursor = null;
        if (after != null && !after.isBlank()) {
            try {
                cursor = UUID.fromString(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("after", "must be the nextCursor of a previous page");
            }
        }
        return new PageRequest(size, cursor);
    }

    /** The lowest id sort position, for SQL {@code id > $n}: PostgreSQL compares uuids as unsigned bytes. */
    public UUID afterOrStart() {
        return after == null ? new UUID(0L, 0L) : after;
    }

    /** Builds the page from up to {@code limit + 1} fetched rows: the extra row only says there is more. */
    public <T> Page<T> page(List<T> fetched, Function<T, UUID> id) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), id.apply(items.get(limit - 1)).toString());
    }
}
