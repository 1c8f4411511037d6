package io.scimitar.provisioner.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An instant is an ISO-8601 text such as {@code 2026-11-28T10:00:00Z}: no epoch numbers, nothing out of range. */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            throw MismatchedInputException.from(parser, Instant.class, "not a text");
        }
        String text = parser.getText().trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw InvalidFormatException.from(parser, "not an ISO-8601 instant", text, Instant.class);
        }
    }
}
