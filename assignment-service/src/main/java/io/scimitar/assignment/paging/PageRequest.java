package io.scimitar.assignment.paging;

import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.web.QueryParams;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Keyset paging by id: at most {@code limit} items whose id is greater than {@code after}. */
public record PageRequest(int limit, UUID after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Reads the {@code limit} and {@code after} query parameters: 400 naming the one that is not a valid value. */
    public static PageRequest of(String limit, String after) {
        Integer given = QueryParams.integer("limit", limit);
        int size = given == null ? DEFAULT_LIMIT : given;
        if (size < 1 || size > MAX_LIMIT) {
            throw new MalformedInputException("limit", "Query parameter 'limit' must be between 1 and " + MAX_LIMIT);
        }
        UUID cursor = null;
        if (after != null && !after.isBlank()) {
            try {
                cursor = UUID.fromString(after);
            } catch (IllegalArgumentException e) {
                throw new MalformedInputException("after",
                        "Query parameter 'after' must be the nextCursor of a previous page");
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
