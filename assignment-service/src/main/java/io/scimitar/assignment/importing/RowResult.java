package io.scimitar.assignment.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scimitar.assignment.error.FieldError;

import java.util.List;

/** The outcome of one row: created, updated, added, removed, unchanged, or rejected with the reasons. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RowResult(long line, String status, String id, List<FieldError> errors) {

    public static final String REJECTED = "rejected";

    public static RowResult ok(long line, String status, String id) {
        return new RowResult(line, status, id, List.of());
    }

    public static RowResult rejected(long line, List<FieldError> errors) {
        return new RowResult(line, REJECTED, null, errors);
    }
}
