package io.scimitar.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the mock's state export ({@code GET /admin/state}) as a stream, one user or team at a time: a million users
 * (some 2 GB of JSON) never sit in the benchmark's heap at once, only what the callers keep of them.
 */
final class MockStateReader {

    private MockStateReader() {
    }

    /** Hands each user of the export to {@code user} and each team to {@code team}, in the export's order. */
    static void read(Http mockAdmin, Consumer<JsonNode> user, Consumer<JsonNode> team) {
        mockAdmin.getStreamed("/admin/state", body -> {
            try (JsonParser parser = Http.JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("the state export is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    Consumer<JsonNode> each = "users".equals(field) ? user : "teams".equals(field) ? team : null;
                    if (each != null && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            each.accept(parser.readValueAsTree());
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        });
    }
}
