package io.scimitar.mock.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.schema.ScimSchemas;
import io.scimitar.mock.schema.TextRules;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A SCIM Group body of POST or PUT /Groups (user-group model), read and checked. */
record GroupBody(String displayName, String externalId, List<String> memberIds) {

    static GroupBody read(ObjectNode body) {
        checkSchemas(body.get("schemas"));
        String displayName = null;
        String externalId = null;
        List<String> memberIds = List.of();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equalsIgnoreCase("displayName")) {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw ScimException.invalidValue("displayName must be a non-empty string");
                }
                TextRules.check("displayName", value.asText(), TextRules.MAX_LENGTH);
                displayName = value.asText();
            } else if (key.equalsIgnoreCase("externalId")) {
                externalId = TeamPatcher.externalId(value);
            } else if (key.equalsIgnoreCase("members")) {
                memberIds = value.isNull() ? List.of() : TeamPatcher.memberIds(value);
            } else if (!(key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("id") || key.equalsIgnoreCase("meta"))) {
                throw ScimException.invalidValue("Attribute '" + key + "' is not supported on a Miro user group");
            }
        }
        if (displayName == null) {
            throw ScimException.invalidValue("displayName is required");
        }
        return new GroupBody(displayName, externalId, memberIds);
    }

    private static void checkSchemas(JsonNode schemas) {
        boolean core = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                if (!schema.asText().equalsIgnoreCase(ScimSchemas.GROUP)) {
                    throw ScimException.invalidValue("Schema '" + schema.asText() + "' is not supported by Miro");
                }
                core = true;
            }
        }
        if (!core) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.GROUP);
        }
    }
}
