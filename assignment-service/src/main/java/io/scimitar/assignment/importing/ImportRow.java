package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.error.FieldError;

import java.util.List;

/** One row of a bulk request: its line number and either its fields or why it could not be read. */
public record ImportRow(long line, ObjectNode fields, List<FieldError> unreadable) {

    public static ImportRow of(long line, ObjectNode fields) {
        return new ImportRow(line, fields, List.of());
    }

    public static ImportRow unreadable(long line, String field, String reason) {
        return new ImportRow(line, null, List.of(new FieldError(field, reason)));
    }
}
