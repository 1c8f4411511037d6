package io.scimitar.assignment.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.UUID;

/** Says which field a JSON reading failure concerns and why, in words for the caller: no Java type, no parser text. */
public final class JsonErrors {

    /** The largest JSON body (or import row) read, in characters: 4 MiB, far above any valid request. */
    public static final long MAX_DOCUMENT_CHARS = 4L * 1024 * 1024;

    private JsonErrors() {
    }

    /** The field (null for the body as a whole) and the reason. */
    public static FieldError describe(JsonProcessingException e) {
        StreamConstraintsException limit = limitBroken(e);
        if (limit != null) {
            return new FieldError(null, tooLarge(limit) ? "is too large"
                    : "is nested too deeply or holds a number that is too long");
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        return new FieldError(field.isEmpty() ? null : field, reason(e, field.isEmpty()));
    }

    /** One sentence: "Field 'x' must be a string" or "The body is not valid JSON (line 1, column 7)". */
    public static String sentence(FieldError error) {
        return (error.field() == null ? "The body " : "Field '" + error.field() + "' ") + error.reason();
    }

    /** A body above the document size limit: answered 413, not 400. */
    public static boolean tooLarge(JsonProcessingException e) {
        StreamConstraintsException limit = limitBroken(e);
        return limit != null && limit.getOriginalMessage().startsWith("Document length");
    }

    /** The reading limit broken, also when Jackson wrapped it while reading a field. */
    private static StreamConstraintsException limitBroken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static String reason(JsonProcessingException e, boolean wholeBody) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof RefusedValueException) {
            return e.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (wholeBody && message.startsWith("Trailing token")) {
                return "must be a single JSON value with nothing after it";
            }
            if (wholeBody && message.startsWith("No content")) {
                return "is empty";
            }
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonParseException) {
            JsonLocation at = e.getLocation();
            return "is not valid JSON" + (at == null || at.getLineNr() < 0 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return wholeBody ? "cannot be read as this request" : "has a value that cannot be read";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a GUID string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == Object.class || JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        return "a JSON object";
    }

    /** The field path as the caller wrote it: {@code extensionAttributes.extension_a_b}, {@code appRoles[0].value}. */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
