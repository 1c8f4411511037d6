package io.scimitar.mock.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.AttributePath;
import io.scimitar.mock.filter.ComparisonOperator;
import io.scimitar.mock.filter.Filter;
import io.scimitar.mock.filter.FilterEvaluator;
import io.scimitar.mock.filter.FilterParser;
import io.scimitar.mock.filter.PatchPath;
import io.scimitar.mock.schema.AttributeDefinition;
import io.scimitar.mock.schema.ResourceNormalizer;
import io.scimitar.mock.schema.SchemaDefinition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a canonical resource document, in place. Accepts what IdPs send:
 * ops in any case, path-less replace with dotted or URN keys, filtered paths that create the element when nothing
 * matches ({@code emails[type eq "work"].value}), and Miro's "Remove with a value list" for multi-valued attributes.
 */
public final class ResourcePatcher {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AttributeDefinition EXTERNAL_ID = AttributeDefinition.string("externalId", "Client id").caseExact(true);

    private final SchemaDefinition core;
    private final List<SchemaDefinition> extensions;

    public ResourcePatcher(SchemaDefinition core, List<SchemaDefinition> extensions) {
        this.core = core;
        this.extensions = extensions;
    }

    public void apply(ObjectNode document, PatchOperation operation) {
        PatchOperationType type = PatchOperationType.of(operation.op());
        String path = operation.path();
        if (path == null || path.isBlank()) {
            applyWithoutPath(document, type, operation.value());
        } else {
            applyPath(document, type, FilterParser.parsePath(path.trim()), operation.value());
        }
    }

    private void applyWithoutPath(ObjectNode document, PatchOperationType type, JsonNode value) {
        if (type == PatchOperationType.REMOVE) {
            throw ScimException.badRequest("noTarget", "Remove needs a path");
        }
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("A PATCH operation without path needs an object value");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta")) {
                continue;
            }
            SchemaDefinition extension = extension(key);
            if (extension != null && field.getValue().isObject()) {
                Iterator<Map.Entry<String, JsonNode>> extensionFields = field.getValue().fields();
                while (extensionFields.hasNext()) {
                    Map.Entry<String, JsonNode> extensionField = extensionFields.next();
                    applyPath(document, type, FilterParser.parsePath(extension.id() + ":" + extensionField.getKey()),
                            extensionField.getValue());
                }
                continue;
            }
            applyPath(document, type, FilterParser.parsePath(key), field.getValue());
        }
    }

    private void applyPath(ObjectNode document, PatchOperationType type, PatchPath path, JsonNode value) {
        AttributePath attributePath = path.attribute();
        SchemaDefinition schema = core;
        ObjectNode container = document;
        if (attributePath.schemaUrn() != null && !attributePath.schemaUrn().equalsIgnoreCase(core.id())) {
            SchemaDefinition whole = extension(attributePath.schemaUrn() + ":" + attributePath.attribute());
            if (whole != null && path.subAttribute() == null && path.valueFilter() == null) {
                applyWholeExtension(document, type, whole, value);
                return;
            }
            schema = extension(attributePath.schemaUrn());
            if (schema == null) {
                throw ScimException.invalidPath("Unknown schema '" + attributePath.schemaUrn() + "'");
            }
            container = objectField(document, schema.id());
        }
        AttributeDefinition definition = attributePath.attribute().equalsIgnoreCase("externalId") && schema == core
                ? EXTERNAL_ID : schema.attribute(attributePath.attribute());
        if (definition == null) {
            throw ScimException.invalidPath("Attribute '" + attributePath.attribute() + "' is not defined by schema " + schema.id());
        }
        if (definition.isReadOnly()) {
            throw ScimException.badRequest("mutability", "Attribute '" + definition.name() + "' is read-only");
        }
        AttributeDefinition subDefinition = null;
        if (path.subAttribute() != null) {
            subDefinition = definition.subAttribute(path.subAttribute());
            if (subDefinition == null) {
                throw ScimException.invalidPath("Attribute '" + definition.name() + "' has no sub-attribute '" + path.subAttribute() + "'");
            }
        }
        if (path.valueFilter() != null) {
            if (!definition.multiValued() || !definition.isComplex()) {
                throw ScimException.invalidPath("A value filter needs a multi-valued complex attribute, not '" + definition.name() + "'");
            }
            applyFiltered(container, type, definition, path.valueFilter(), subDefinition, value);
        } else if (subDefinition != null) {
            applySubAttribute(container, type, definition, subDefinition, value);
        } else {
            applyAttribute(container, type, definition, value);
        }
        pruneEmpty(document, schema == core ? null : schema.id());
    }

    private void applyWholeExtension(ObjectNode document, PatchOperationType type, SchemaDefinition extension, JsonNode value) {
        if (type == PatchOperationType.REMOVE) {
            document.remove(extension.id());
            return;
        }
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("The value for '" + extension.id() + "' must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            applyPath(document, type, FilterParser.parsePath(extension.id() + ":" + field.getKey()), field.getValue());
        }
    }

    private void applyAttribute(ObjectNode container, PatchOperationType type, AttributeDefinition definition, JsonNode value) {
        String key = definition.name();
        if (type == PatchOperationType.REMOVE) {
            if (definition.multiValued() && value != null && !value.isNull() && container.get(key) instanceof ArrayNode existing) {
                removeListedValues(existing, value);
            } else {
                container.remove(key);
            }
            return;
        }
        JsonNode normalized = ResourceNormalizer.normalizeValue(definition, value);
        if (normalized == null) {
            if (type == PatchOperationType.REPLACE) {
                container.remove(key);
                return;
            }
            throw ScimException.invalidValue("Add to '" + key + "' needs a value");
        }
        if (definition.multiValued()) {
            if (type == PatchOperationType.ADD && container.get(key) instanceof ArrayNode existing) {
                for (JsonNode element : normalized) {
                    if (!contains(existing, element)) {
                        existing.add(element);
                    }
                }
            } else {
                container.set(key, normalized);
            }
        } else if (definition.isComplex() && container.get(key) instanceof ObjectNode existing) {
            existing.setAll((ObjectNode) normalized);
        } else {
            container.set(key, normalized);
        }
    }

    private void applySubAttribute(ObjectNode container, PatchOperationType type, AttributeDefinition definition,
                                   AttributeDefinition sub, JsonNode value) {
        JsonNode normalized = type == PatchOperationType.REMOVE ? null : ResourceNormalizer.normalizeValue(sub, value);
        if (definition.multiValued()) {
            ArrayNode array = arrayField(container, definition.name());
            if (array.isEmpty() && normalized != null) {
                array.add(NODES.objectNode().set(sub.name(), normalized));
                return;
            }
            for (JsonNode element : array) {
                setOrRemove((ObjectNode) element, sub.name(), normalized);
            }
            return;
        }
        if (normalized == null && !(container.get(definition.name()) instanceof ObjectNode)) {
            return;
        }
        setOrRemove(objectField(container, definition.name()), sub.name(), normalized);
    }

    private void applyFiltered(ObjectNode container, PatchOperationType type, AttributeDefinition definition, Filter filter,
                               AttributeDefinition sub, JsonNode value) {
        ArrayNode array = arrayField(container, definition.name());
        List<ObjectNode> matched = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject() && FilterEvaluator.matches(filter, element)) {
                matched.add((ObjectNode) element);
            }
        }
        if (type == PatchOperationType.REMOVE) {
            if (sub == null) {
                Iterator<JsonNode> elements = array.elements();
                while (elements.hasNext()) {
                    JsonNode element = elements.next();
                    if (matched.stream().anyMatch(m -> m == element)) {
                        elements.remove();
                    }
                }
            } else {
                matched.forEach(m -> m.remove(sub.name()));
            }
            return;
        }
        if (sub != null) {
            JsonNode normalized = ResourceNormalizer.normalizeValue(sub, value);
            if (matched.isEmpty()) {
                ObjectNode created = elementFromFilter(filter, definition);
                created.set(sub.name(), normalized);
                array.add(ResourceNormalizer.normalizeValue(definition.withoutMulti(), created));
            } else {
                matched.forEach(m -> setOrRemove(m, sub.name(), normalized));
            }
            return;
        }
        JsonNode normalized = ResourceNormalizer.normalizeValue(definition.withoutMulti(), value);
        if (normalized == null) {
            throw ScimException.invalidValue("'" + definition.name() + "' needs an object value");
        }
        if (matched.isEmpty()) {
            if (type == PatchOperationType.REPLACE && !isConstructible(filter)) {
                throw ScimException.badRequest("noTarget", "No '" + definition.name() + "' value matches the filter");
            }
            ObjectNode created = elementFromFilter(filter, definition);
            created.setAll((ObjectNode) normalized);
            array.add(ResourceNormalizer.normalizeValue(definition.withoutMulti(), created));
            return;
        }
        for (ObjectNode element : matched) {
            if (type == PatchOperationType.REPLACE) {
                element.removeAll();
            }
            element.setAll((ObjectNode) normalized);
        }
    }

    private static ObjectNode elementFromFilter(Filter filter, AttributeDefinition definition) {
        ObjectNode element = NODES.objectNode();
        if (!collectEqualities(filter, element)) {
            throw ScimException.badRequest("noTarget", "No '" + definition.name() + "' value matches the filter and the filter "
                    + "is not a plain equality to build one from");
        }
        return element;
    }

    private static boolean isConstructible(Filter filter) {
        return collectEqualities(filter, NODES.objectNode());
    }

    private static boolean collectEqualities(Filter filter, ObjectNode element) {
        if (filter instanceof Filter.And and) {
            return collectEqualities(and.left(), element) && collectEqualities(and.right(), element);
        }
        if (filter instanceof Filter.Compare compare && compare.operator() == ComparisonOperator.EQ
                && compare.path().subAttribute() == null && compare.path().schemaUrn() == null && !compare.value().isNull()) {
            element.set(compare.path().attribute(), compare.value());
            return true;
        }
        return false;
    }

    private static void removeListedValues(ArrayNode existing, JsonNode listed) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : listed.isArray() ? listed : NODES.arrayNode().add(listed)) {
            JsonNode value = item.isObject() ? item.get("value") : item;
            if (value != null && !value.isNull()) {
                values.add(value.asText());
            }
        }
        Iterator<JsonNode> elements = existing.elements();
        while (elements.hasNext()) {
            JsonNode element = elements.next();
            JsonNode value = element.isObject() ? element.get("value") : element;
            if (value != null && values.contains(value.asText())) {
                elements.remove();
            }
        }
    }

    private static boolean contains(ArrayNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (existing.equals(element)) {
                return true;
            }
        }
        return false;
    }

    private static void setOrRemove(ObjectNode node, String key, JsonNode value) {
        if (value == null) {
            node.remove(key);
        } else {
            node.set(key, value);
        }
    }

    private static ObjectNode objectField(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        ObjectNode created = NODES.objectNode();
        parent.set(key, created);
        return created;
    }

    private static ArrayNode arrayField(ObjectNode parent, String key) {
        JsonNode existing = parent.get(key);
        if (existing instanceof ArrayNode array) {
            return array;
        }
        ArrayNode created = NODES.arrayNode();
        parent.set(key, created);
        return created;
    }

    private static void pruneEmpty(ObjectNode document, String extensionKey) {
        ObjectNode target = document;
        if (extensionKey != null) {
            JsonNode extension = document.get(extensionKey);
            if (extension instanceof ObjectNode object) {
                target = object;
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = target.fields();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if ((value.isArray() || value.isObject()) && value.isEmpty()) {
                fields.remove();
            }
        }
        if (extensionKey != null && document.get(extensionKey) != null && document.get(extensionKey).isEmpty()) {
            document.remove(extensionKey);
        }
    }

    private SchemaDefinition extension(String urn) {
        for (SchemaDefinition extension : extensions) {
            if (extension.id().equalsIgnoreCase(urn)) {
                return extension;
            }
        }
        return null;
    }
}
