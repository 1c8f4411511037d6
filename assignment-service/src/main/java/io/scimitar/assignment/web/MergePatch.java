package io.scimitar.assignment.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.JsonErrors;
import io.scimitar.assignment.error.MalformedInputException;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Applies an RFC 7396 JSON merge patch to a request record: fields present replace, null clears, others stay. */
public final class MergePatch {

    private MergePatch() {
    }

    public static <T> T apply(ObjectMapper mapper, T current, JsonNode patch, Class<T> type, Set<String> readOnly) {
        if (patch == null || !patch.isObject()) {
            throw new MalformedInputException(null, "A merge patch must be a JSON object");
        }
        ObjectNode merged = mapper.valueToTree(current);
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (readOnly.contains(field.getKey())) {
                throw new MalformedInputException(field.getKey(), "Field '" + field.getKey() + "' cannot be changed");
            }
            merged.set(field.getKey(), field.getValue());
        }
        return read(mapper, merged, type);
    }

    /** Converts a JSON tree into a request record, answering unknown fields and wrong types as malformed input. */
    public static <T> T read(ObjectMapper mapper, JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            FieldError error = JsonErrors.describe(e);
            throw new MalformedInputException(error.field(), JsonErrors.sentence(error));
        }
    }
}
