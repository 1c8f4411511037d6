package io.scimitar.assignment.paging;

import java.util.List;

/**
 * One page of a list: the items, and the cursor to pass as {@code after} for the next page (null on the last one).
 */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(java.util.function.Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
