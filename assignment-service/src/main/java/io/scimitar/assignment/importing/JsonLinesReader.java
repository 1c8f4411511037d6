package io.scimitar.assignment.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.JsonErrors;

import java.io.IOException;
import java.io.Reader;

/** Rows of a JSON lines body: one JSON object per line; blank lines are skipped. */
final class JsonLinesReader implements RowReader {

    private final LineSource lines;
    private final ObjectMapper json;
    private final int maxLength;

    JsonLinesReader(Reader in, ObjectMapper json, int maxLength) {
        this.lines = new LineSource(in, maxLength);
        this.json = json;
        this.maxLength = maxLength;
    }

    @Override
    public ImportRow next() throws IOException {
        while (true) {
            String line = lines.next();
            if (line == null) {
                return null;
            }
            if (line == LineSource.TOO_LONG) {
                return ImportRow.unreadable(lines.lineNumber(), null,
                        "the row is longer than " + maxLength + " characters");
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(line);
                if (node instanceof ObjectNode object) {
                    return ImportRow.of(lines.lineNumber(), object);
                }
                return ImportRow.unreadable(lines.lineNumber(), null, "a row must be a JSON object");
            } catch (JsonProcessingException e) {
                FieldError error = JsonErrors.describe(e);
                return ImportRow.unreadable(lines.lineNumber(), error.field(),
                        error.field() == null ? "the row " + error.reason() : JsonErrors.sentence(error));
            }
        }
    }
}
