package io.scimitar.provisioner.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says in plain words, field by field, why a request body could not be read: never a Java class name and never the
 * parser's own text, which names classes and echoes input.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The 400 problem for a body that is not valid JSON for its request. */
    public static Problem problem(JsonProcessingException e, String instance) {
        String field = field(e);
        String message = message(e);
        String detail = field == null ? "The body is not valid JSON for this request: " + message
                : field + ": " + message;
        return new Problem("about:blank", "Malformed request body", 400, detail, instance,
                field == null ? null : List.of(new Problem.FieldError(field, message, null)));
    }

    /** The field the problem is in, as {@code users.mappings[1].source}; null for the body as a whole. */
    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                append(path, reference.getFieldName(), reference.getIndex());
            }
            return path.toString();
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            Deque<JsonStreamContext> chain = new ArrayDeque<>();
            for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                    context = context.getParent()) {
                chain.push(context);
            }
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext context : chain) {
                append(path, context.inObject() ? context.getCurrentName() : null,
                        context.inArray() ? Math.max(context.getCurrentIndex(), 0) : -1);
            }
            return path.isEmpty() ? null : path.toString();
        }
        return null;
    }

    static String message(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (original.startsWith("Trailing token")) {
                return "the body must hold one JSON value and nothing after it";
            }
            if (mismatch instanceof InvalidFormatException && mismatch.getTargetType() == String.class
                    && original.startsWith("must not contain")) {
                return original;
            }
            return expected(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "has an invalid value";
        }
        if (original.startsWith("Duplicate field")) {
            return "appears more than once";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "it is not well-formed JSON"
                : "it is not well-formed JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** What a value of {@code type} must look like. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 instant such as 2026-11-28T10:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static void append(StringBuilder path, String name, int index) {
        if (name != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(name);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
