package io.scimitar.assignment.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import io.scimitar.assignment.error.RefusedValueException;

import java.io.IOException;

/** Reads a text field from a JSON string only (never a number or boolean turned into text), refusing what {@link TextRules} forbids. */
final class StrictStringDeserializer extends StdScalarDeserializer<String> {

    StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        return checked(parser, parser.getText());
    }

    static String checked(JsonParser parser, String text) throws RefusedValueException {
        String problem = TextRules.problem(text);
        if (problem != null) {
            throw new RefusedValueException(parser, problem, String.class);
        }
        return text;
    }
}
