package io.scimitar.assignment.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.scimitar.assignment.error.RefusedValueException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a free-form JSON value (extension attributes) exactly or not at all: integers within +/-(2^53 - 1) (the
 * range every JSON reader keeps exact, RFC 7493), finite numbers only, and text that {@link TextRules} allows.
 */
final class StrictValueDeserializer extends StdDeserializer<Object> {

    static final long MAX_EXACT_INTEGER = 9_007_199_254_740_991L;

    StrictValueDeserializer() {
        super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        switch (parser.currentTokenId()) {
            case JsonTokenId.ID_STRING:
                return StrictStringDeserializer.checked(parser, parser.getText());
            case JsonTokenId.ID_NUMBER_INT:
                return integer(parser);
            case JsonTokenId.ID_NUMBER_FLOAT:
                double value = parser.getDoubleValue();
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new RefusedValueException(parser, "must be a finite number", Object.class);
                }
                return value;
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            case JsonTokenId.ID_START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(deserialize(parser, context));
                }
                return list;
            case JsonTokenId.ID_START_OBJECT:
            case JsonTokenId.ID_FIELD_NAME:
                return object(parser, context);
            default:
                return context.handleUnexpectedToken(Object.class, parser);
        }
    }

    private Object integer(JsonParser parser) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || Math.abs(parser.getLongValue()) > MAX_EXACT_INTEGER) {
            throw new RefusedValueException(parser,
                    "must be an integer between -9007199254740991 and 9007199254740991 (2^53 - 1)", Object.class);
        }
        return parser.getNumberType() == JsonParser.NumberType.INT ? (Object) parser.getIntValue()
                : (Object) parser.getLongValue();
    }

    private Map<String, Object> object(JsonParser parser, DeserializationContext context) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token = parser.currentToken() == JsonToken.START_OBJECT ? parser.nextToken() : parser.currentToken();
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = StrictStringDeserializer.checked(parser, parser.currentName());
            parser.nextToken();
            map.put(name, deserialize(parser, context));
        }
        return map;
    }
}
