package io.scimitar.assignment.attribute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and writes a JSON object whose fields are an {@link AttributeList}'s attributes (plus a few fixed texts such
 * as {@code id}), with the mapper's own rules for each value's type: the REST bodies, merge patches and import rows.
 */
public final class AttributeJson {

    private AttributeJson() {
    }

    /**
     * Reads a JSON object into a map of its fields: each of {@code texts} as a string, each attribute of
     * {@code attributes} as its kind's type. Any other field is unknown (refused when the mapper refuses unknown
     * fields); an error names the field, as Jackson does for a record of {@code owner}.
     */
    public static Map<String, Object> read(JsonParser parser, DeserializationContext context, Class<?> owner,
            List<String> texts, AttributeList attributes) throws IOException {
        if (!parser.isExpectedStartObjectToken()) {
            return (Map<String, Object>) context.handleUnexpectedToken(owner, parser);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            Attribute attribute = attributes.named(name);
            if (attribute == null && !texts.contains(name)) {
                unknown(parser, context, owner, name, texts, attributes);
                parser.skipChildren();
                continue;
            }
            JavaType type = attribute == null ? context.constructType(String.class)
                    : context.getTypeFactory().constructType(attribute.kind().wireType());
            try {
                fields.put(name, token == JsonToken.VALUE_NULL ? null : context.readValue(parser, type));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, owner, name);
            }
        }
        return fields;
    }

    private static void unknown(JsonParser parser, DeserializationContext context, Class<?> owner, String name,
            List<String> texts, AttributeList attributes) throws IOException {
        if (context.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
            List<Object> known = new ArrayList<>(texts);
            known.addAll(attributes.names());
            throw UnrecognizedPropertyException.from(parser, owner, name, known);
        }
    }

    /** Writes each attribute of {@code values} as a field of the object being written, in the list's order. */
    public static void write(JsonGenerator generator, SerializerProvider provider, AttributeValues values)
            throws IOException {
        for (Map.Entry<String, Object> value : values.asMap().entrySet()) {
            provider.defaultSerializeField(value.getKey(), value.getValue(), generator);
        }
    }

    /**
     * Writes a stored user or group as the API answers it: {@code id}, its attributes in the list's order, its times
     * and {@code version}.
     */
    public static void writeStored(JsonGenerator generator, SerializerProvider provider, UUID id,
            AttributeValues values, Instant created, Instant modified, Instant deleted, long version)
            throws IOException {
        generator.writeStartObject();
        provider.defaultSerializeField("id", id, generator);
        write(generator, provider, values);
        provider.defaultSerializeField("createdDateTime", created, generator);
        provider.defaultSerializeField("modifiedDateTime", modified, generator);
        provider.defaultSerializeField("deletedDateTime", deleted, generator);
        generator.writeNumberField("version", version);
        generator.writeEndObject();
    }
}
