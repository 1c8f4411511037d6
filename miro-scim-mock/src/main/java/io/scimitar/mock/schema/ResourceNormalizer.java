package io.scimitar.mock.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a client's resource body into its canonical form: attribute names spelled as in the schema, string booleans
 * ("False") turned into booleans, single values of multi-valued attributes wrapped, nulls and read-only attributes
 * dropped. Unknown attributes, wrong types, values over Miro's length limits (or {@link TextRules#MAX_LENGTH}) and
 * strings with control characters or lone surrogates answer 400 invalidValue.
 */
public final class ResourceNormalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResourceNormalizer() {
    }

    public static ObjectNode normalize(ObjectNode raw, SchemaDefinition core, List<SchemaDefinition> extensions) {
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = raw.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta")) {
                continue;
            }
            if (key.equalsIgnoreCase("externalId")) {
                if (!value.isNull()) {
                    JsonNode externalId = requireText("externalId", value);
                    TextRules.check("externalId", externalId.asText(), TextRules.MAX_LENGTH);
                    result.set("externalId", externalId);
                }
                continue;
            }
            SchemaDefinition extension = extension(extensions, key);
            if (extension != null) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw ScimException.invalidValue("'" + key + "' must be a JSON object");
                }
                ObjectNode normalized = normalizeAttributes((ObjectNode) value, extension);
                if (!normalized.isEmpty()) {
                    result.set(extension.id(), normalized);
                }
                continue;
            }
            if (key.toLowerCase().startsWith("urn:")) {
                throw ScimException.invalidValue("Schema extension '" + key + "' is not supported");
            }
            putAttribute(result, core, key, value);
        }
        return result;
    }

    private static ObjectNode normalizeAttributes(ObjectNode raw, SchemaDefinition schema) {
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = raw.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            putAttribute(result, schema, field.getKey(), field.getValue());
        }
        return result;
    }

    private static void putAttribute(ObjectNode target, SchemaDefinition schema, String key, JsonNode value) {
        AttributeDefinition definition = schema.attribute(key);
        if (definition == null) {
            throw ScimException.invalidValue("Attribute '" + key + "' is not defined by schema " + schema.id());
        }
        if (definition.isReadOnly() || "never".equals(definition.returned()) || value.isNull()) {
            return;
        }
        JsonNode normalized = normalizeValue(definition, value);
        if (normalized != null) {
            target.set(definition.name(), normalized);
        }
    }

    /** Normalizes one attribute value against its definition; null means "nothing to store". */
    public static JsonNode normalizeValue(AttributeDefinition definition, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (definition.multiValued()) {
            ArrayNode array = NODES.arrayNode();
            if (value.isArray()) {
                for (JsonNode element : value) {
                    JsonNode normalized = normalizeSingle(definition, element);
                    if (normalized != null) {
                        array.add(normalized);
                    }
                }
            } else {
                JsonNode normalized = normalizeSingle(definition, value);
                if (normalized != null) {
                    array.add(normalized);
                }
            }
            return array.isEmpty() ? null : array;
        }
        if (value.isArray() && value.size() == 1 && definition.isComplex()) {
            // Entra sends the single-valued manager as a one-element array.
            return normalizeSingle(definition, value.get(0));
        }
        if (value.isArray()) {
            throw ScimException.invalidValue("Attribute '" + definition.name() + "' is single-valued");
        }
        return normalizeSingle(definition, value);
    }

    private static JsonNode normalizeSingle(AttributeDefinition definition, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (definition.isComplex()) {
            if (!value.isObject()) {
                throw ScimException.invalidValue("Attribute '" + definition.name() + "' must be a JSON object");
            }
            ObjectNode result = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                AttributeDefinition sub = definition.subAttribute(field.getKey());
                if (field.getValue().isNull()) {
                    continue;
                }
                if (sub == null) {
                    // Unknown sub-attributes (e.g. Entra's role "displayName") are stored and echoed as sent.
                    TextRules.check(definition.name(), field.getKey(), TextRules.MAX_LENGTH);
                    TextRules.checkTree(definition.name() + "." + field.getKey(), field.getValue());
                    result.set(field.getKey(), field.getValue());
                } else {
                    JsonNode normalized = normalizeSingle(sub, field.getValue());
                    if (normalized != null) {
                        result.set(sub.name(), normalized);
                    }
                }
            }
            return result.isEmpty() ? null : result;
        }
        if (definition.isBoolean()) {
            if (value.isBoolean()) {
                return value;
            }
            if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
                return BooleanNode.valueOf(Boolean.parseBoolean(value.asText().toLowerCase()));
            }
            throw ScimException.invalidValue("Attribute '" + definition.name() + "' must be a boolean, got " + value);
        }
        JsonNode text = requireText(definition.name(), value);
        TextRules.check(definition.name(), text.asText(),
                definition.maxLength() != null ? definition.maxLength() : TextRules.MAX_LENGTH);
        return text;
    }

    private static JsonNode requireText(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw ScimException.invalidValue("Attribute '" + name + "' must be a string, got " + value);
        }
        return value;
    }

    private static SchemaDefinition extension(List<SchemaDefinition> extensions, String key) {
        for (SchemaDefinition extension : extensions) {
            if (extension.id().equalsIgnoreCase(key)) {
                return extension;
            }
        }
        return null;
    }
}
