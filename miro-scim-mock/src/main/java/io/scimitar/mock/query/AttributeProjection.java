package io.scimitar.mock.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.AttributePath;
import io.scimitar.mock.json.JsonFields;
import io.scimitar.mock.schema.ScimSchemas;

import java.util.ArrayList;
import java.util.List;

/** {@code attributes} / {@code excludedAttributes} (RFC 7644 §3.9), with sub-attributes and URN-qualified names. */
public final class AttributeProjection {

    private static final AttributeProjection NONE = new AttributeProjection(List.of(), List.of());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<AttributePath> included;
    private final List<AttributePath> excluded;

    private AttributeProjection(List<AttributePath> included, List<AttributePath> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    public static AttributeProjection of(String attributes, String excludedAttributes) {
        List<AttributePath> included = parse(attributes);
        List<AttributePath> excluded = parse(excludedAttributes);
        if (included.isEmpty() && excluded.isEmpty()) {
            return NONE;
        }
        return new AttributeProjection(included, excluded);
    }

    public boolean isIdentity() {
        return included.isEmpty() && excluded.isEmpty();
    }

    /** Whether the projection leaves out the given top-level attribute entirely (e.g. Group members). */
    public boolean excludes(String attribute) {
        for (AttributePath path : excluded) {
            if (path.subAttribute() == null && path.attribute().equalsIgnoreCase(attribute)) {
                return true;
            }
        }
        if (included.isEmpty()) {
            return false;
        }
        return included.stream().noneMatch(p -> p.attribute().equalsIgnoreCase(attribute));
    }

    /** Applies the projection to a resource; returns the resource itself when there is nothing to project. */
    public ObjectNode apply(ObjectNode resource) {
        if (isIdentity()) {
            return resource;
        }
        ObjectNode result;
        if (!included.isEmpty()) {
            result = NODES.objectNode();
            copyIfPresent(resource, result, "schemas");
            copyIfPresent(resource, result, "id");
            for (AttributePath path : included) {
                include(resource, result, path);
            }
        } else {
            result = resource.deepCopy();
        }
        for (AttributePath path : excluded) {
            exclude(result, path);
        }
        return result;
    }

    private static void include(ObjectNode resource, ObjectNode result, AttributePath path) {
        ObjectNode source = resource;
        ObjectNode target = result;
        if (path.schemaUrn() != null && !isCore(path.schemaUrn())) {
            String wholeExtension = path.schemaUrn() + ":" + path.attribute();
            String extensionKey = JsonFields.key(resource, wholeExtension);
            if (extensionKey != null && path.subAttribute() == null) {
                result.set(extensionKey, resource.get(extensionKey).deepCopy());
                return;
            }
            String key = JsonFields.key(resource, path.schemaUrn());
            if (key == null || !resource.get(key).isObject()) {
                return;
            }
            source = (ObjectNode) resource.get(key);
            target = result.get(key) instanceof ObjectNode existing ? existing : result.putObject(key);
        }
        String key = JsonFields.key(source, path.attribute());
        if (key == null) {
            return;
        }
        JsonNode value = source.get(key);
        if (path.subAttribute() == null) {
            target.set(key, value.deepCopy());
        } else if (value.isArray()) {
            ArrayNode projected = target.get(key) instanceof ArrayNode existing ? existing : target.putArray(key);
            int index = 0;
            for (JsonNode element : value) {
                JsonNode sub = JsonFields.get(element, path.subAttribute());
                ObjectNode slot;
                if (index < projected.size()) {
                    slot = (ObjectNode) projected.get(index);
                } else {
                    slot = projected.addObject();
                }
                if (sub != null) {
                    slot.set(JsonFields.key(element, path.subAttribute()), sub.deepCopy());
                }
                index++;
            }
        } else if (value.isObject()) {
            JsonNode sub = JsonFields.get(value, path.subAttribute());
            if (sub != null) {
                ObjectNode projected = target.get(key) instanceof ObjectNode existing ? existing : target.putObject(key);
                projected.set(JsonFields.key(value, path.subAttribute()), sub.deepCopy());
            }
        }
    }

    private static void exclude(ObjectNode result, AttributePath path) {
        if (path.subAttribute() == null && (path.attribute().equalsIgnoreCase("id") || path.attribute().equalsIgnoreCase("schemas"))) {
            return;
        }
        ObjectNode target = result;
        if (path.schemaUrn() != null && !isCore(path.schemaUrn())) {
            String wholeExtension = JsonFields.key(result, path.schemaUrn() + ":" + path.attribute());
            if (wholeExtension != null && path.subAttribute() == null) {
                result.remove(wholeExtension);
                return;
            }
            JsonNode extension = JsonFields.get(result, path.schemaUrn());
            if (!(extension instanceof ObjectNode object)) {
                return;
            }
            target = object;
        }
        String key = JsonFields.key(target, path.attribute());
        if (key == null) {
            return;
        }
        if (path.subAttribute() == null) {
            target.remove(key);
            return;
        }
        JsonNode value = target.get(key);
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element instanceof ObjectNode object) {
                    JsonFields.remove(object, path.subAttribute());
                }
            }
        } else if (value instanceof ObjectNode object) {
            JsonFields.remove(object, path.subAttribute());
        }
    }

    private static boolean isCore(String urn) {
        return urn.equalsIgnoreCase(ScimSchemas.USER) || urn.equalsIgnoreCase(ScimSchemas.GROUP);
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String key) {
        if (from.has(key)) {
            to.set(key, from.get(key));
        }
    }

    private static List<AttributePath> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<AttributePath> paths = new ArrayList<>();
        for (String part : list.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                paths.add(AttributePath.parse(trimmed));
            } catch (ScimException e) {
                throw ScimException.invalidValue("Invalid attribute name '" + trimmed + "'");
            }
        }
        return paths;
    }
}
