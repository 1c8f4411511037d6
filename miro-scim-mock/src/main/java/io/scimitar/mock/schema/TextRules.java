package io.scimitar.mock.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.mock.error.ScimException;

import java.util.Iterator;
import java.util.Map;

/**
 * The checks every string a client stores goes through (400 invalidValue): at most {@link #MAX_LENGTH} characters
 * where Miro documents no limit, no control characters other than tab and line breaks, no lone UTF-16 surrogate.
 */
public final class TextRules {

    /** Limit of a string attribute Miro gives no limit for (e.g. {@code title}): room for any URL or address. */
    public static final int MAX_LENGTH = 2048;

    private TextRules() {
    }

    /** Checks one stored string; {@code maxLength} is the attribute's own limit, or {@link #MAX_LENGTH}. */
    public static void check(String attribute, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw ScimException.invalidValue("Attribute '" + attribute + "' must be at most " + maxLength + " characters");
        }
        String problem = problem(value);
        if (problem != null) {
            throw ScimException.invalidValue("Attribute '" + attribute + "' " + problem);
        }
    }

    /** Checks every string (and field name) of a value stored as sent, such as an unknown sub-attribute. */
    public static void checkTree(String attribute, JsonNode value) {
        if (value.isTextual()) {
            check(attribute, value.asText(), MAX_LENGTH);
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                checkTree(attribute, element);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                check(attribute, field.getKey(), MAX_LENGTH);
                checkTree(attribute + "." + field.getKey(), field.getValue());
            }
        }
    }

    /** What is wrong with the characters of {@code value}, or null when nothing is. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return "must not contain control characters (found U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode (found a lone surrogate U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }
}
