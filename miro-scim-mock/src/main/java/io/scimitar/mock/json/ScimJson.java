package io.scimitar.mock.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimError;
import io.scimitar.mock.error.ScimException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON setup of the mock: parses request bodies and writes {@code application/scim+json} responses. */
@Singleton
public class ScimJson {

    public static final String SCIM_MEDIA_TYPE = "application/scim+json";

    private final ObjectMapper mapper;

    public ScimJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a request body that must be a JSON object; anything else is a 400 invalidSyntax. */
    public ObjectNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimException.invalidSyntax("Request body is empty");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw ScimException.invalidSyntax("Malformed JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ScimException.invalidSyntax("Unexpected request shape: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Converts an admin API body strictly: an unknown field or a wrong type is a 400 naming the field (never a Java
     * type or the parser's text); {@code what} names the body in the message, e.g. "fault rule".
     */
    public <T> T convertStrict(JsonNode node, Class<T> type, String what) {
        try {
            return mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(node);
        } catch (UnrecognizedPropertyException e) {
            throw ScimException.invalidValue("Unknown field '" + fieldPath(e) + "' in the " + what);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException own && own.getMessage() != null) {
                throw ScimException.invalidValue(own.getMessage());
            }
            String field = fieldPath(e);
            throw ScimException.invalidValue(field.isEmpty() ? "The " + what + " has the wrong shape"
                    : "Field '" + field + "' of the " + what + " has a wrong type or value");
        } catch (IOException e) {
            throw ScimException.invalidSyntax("Malformed " + what);
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response response(int status, Object body) {
        return Response.status(status).entity(bytes(body)).type(SCIM_MEDIA_TYPE).build();
    }

    public Response ok(Object body) {
        return response(200, body);
    }

    public Response error(int status, String scimType, String detail) {
        return response(status, ScimError.of(status, scimType, detail));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
