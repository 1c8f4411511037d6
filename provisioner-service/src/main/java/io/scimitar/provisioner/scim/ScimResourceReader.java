package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the values of mapped target paths out of a SCIM resource, to compare a matched object with the source. */
public final class ScimResourceReader {

    private ScimResourceReader() {
    }

    /** The current value of each of {@code paths} in {@code resource}; absent paths are left out. */
    public static Map<String, Object> values(JsonNode resource, Collection<String> paths) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String text : paths) {
            Object value = value(resource, ScimPath.parse(text));
            if (value != null) {
                values.put(text, value);
            }
        }
        return values;
    }

    static Object value(JsonNode resource, ScimPath path) {
        JsonNode container = path.isExtension() ? field(resource, path.schema()) : resource;
        if (container == null) {
            return null;
        }
        JsonNode attribute = field(container, path.attribute());
        if (attribute == null) {
            return null;
        }
        JsonNode node;
        if (path.isFiltered()) {
            node = null;
            if (attribute.isArray()) {
                for (JsonNode element : attribute) {
                    if (matchesFilter(element, path)) {
                        node = field(element, path.subAttribute() == null ? "value" : path.subAttribute());
                        break;
                    }
                }
            }
        } else if (path.subAttribute() != null) {
            node = field(attribute, path.subAttribute());
        } else {
            node = attribute;
        }
        return scalar(node);
    }

    static boolean matchesFilter(JsonNode element, ScimPath path) {
        JsonNode tested = field(element, path.filterName());
        return tested != null && !tested.isNull() && tested.asText().equalsIgnoreCase(path.filterValue());
    }

    private static Object scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.toString();
    }

    /** A field by name, ignoring case as SCIM attribute names do. */
    static JsonNode field(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode exact = parent.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
