package io.scimitar.mock.team;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.schema.TextRules;
import io.scimitar.mock.filter.ComparisonOperator;
import io.scimitar.mock.filter.Filter;
import io.scimitar.mock.filter.FilterParser;
import io.scimitar.mock.filter.PatchPath;
import io.scimitar.mock.json.JsonFields;
import io.scimitar.mock.patch.PatchOperation;
import io.scimitar.mock.patch.PatchOperationType;
import io.scimitar.mock.schema.ScimSchemas;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Computes a Group (team) PATCH as Miro documents it: add/remove/replace members with value arrays or
 * {@code members[value eq "id"]} paths, and rename via {@code displayName} with or without path.
 */
final class TeamPatcher {

    private TeamPatcher() {
    }

    /** Counts the member values a PATCH carries, for Miro's 8,000-members-per-request limit. */
    static int memberValueCount(List<PatchOperation> operations) {
        int count = 0;
        for (PatchOperation operation : operations) {
            JsonNode members = operation.path() == null || operation.path().isBlank()
                    ? (operation.value() == null ? null : caseInsensitive(operation.value(), "members"))
                    : operation.value();
            if (members != null && members.isArray()) {
                count += members.size();
            } else if (members != null && members.isObject()) {
                count++;
            }
        }
        return count;
    }

    static void apply(TeamChange change, Map<String, TeamRole> before, List<PatchOperation> operations) {
        for (PatchOperation operation : operations) {
            PatchOperationType type = PatchOperationType.of(operation.op());
            if (operation.path() == null || operation.path().isBlank()) {
                applyWithoutPath(change, before, type, operation.value());
            } else {
                applyPath(change, before, type, FilterParser.parsePath(operation.path().trim()), operation.value());
            }
        }
    }

    private static void applyWithoutPath(TeamChange change, Map<String, TeamRole> before, PatchOperationType type, JsonNode value) {
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
            if (key.equalsIgnoreCase("displayName")) {
                rename(change, field.getValue());
            } else if (key.equalsIgnoreCase("members")) {
                changeMembers(change, before, type, field.getValue());
            } else if (key.equalsIgnoreCase("externalId")) {
                if (change.userGroup) {
                    change.externalId = externalId(field.getValue());
                }
            } else if (!(key.equalsIgnoreCase("id") || key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("meta"))) {
                throw ScimException.invalidPath("Attribute '" + key + "' cannot be changed on a Miro team");
            }
        }
    }

    private static void applyPath(TeamChange change, Map<String, TeamRole> before, PatchOperationType type, PatchPath path, JsonNode value) {
        if (path.attribute().schemaUrn() != null && !path.attribute().schemaUrn().equalsIgnoreCase(ScimSchemas.GROUP)) {
            throw ScimException.invalidPath("Unknown schema '" + path.attribute().schemaUrn() + "'");
        }
        String attribute = path.attribute().attribute();
        if (attribute.equalsIgnoreCase("displayName") && path.valueFilter() == null && path.subAttribute() == null) {
            if (type == PatchOperationType.REMOVE) {
                throw ScimException.invalidValue("displayName is required and cannot be removed");
            }
            rename(change, value);
            return;
        }
        if (change.userGroup && attribute.equalsIgnoreCase("externalId") && path.valueFilter() == null
                && path.subAttribute() == null) {
            change.externalId = type == PatchOperationType.REMOVE ? null : externalId(value);
            return;
        }
        if (!attribute.equalsIgnoreCase("members") || path.subAttribute() != null) {
            throw ScimException.invalidPath("Path '" + path.attribute() + "' is not supported for Groups; use members or displayName");
        }
        if (path.valueFilter() != null) {
            if (type != PatchOperationType.REMOVE) {
                throw ScimException.invalidPath("A members value filter is only supported with Remove");
            }
            for (String userId : idsFromFilter(path.valueFilter())) {
                change.remove(userId);
            }
            return;
        }
        if (type == PatchOperationType.REMOVE && (value == null || value.isNull())) {
            new ArrayList<>(change.members.keySet()).forEach(change::remove);
            return;
        }
        changeMembers(change, before, type, value);
    }

    private static void changeMembers(TeamChange change, Map<String, TeamRole> before, PatchOperationType type, JsonNode value) {
        List<String> ids = memberIds(value);
        switch (type) {
            case ADD -> ids.forEach(change::add);
            case REMOVE -> ids.forEach(change::remove);
            case REPLACE -> change.replace(ids, before);
        }
    }

    static List<String> memberIds(JsonNode value) {
        if (value == null || value.isNull()) {
            throw ScimException.invalidValue("members needs a value");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode member : value.isArray() ? value : List.of(value)) {
            JsonNode id = member.isObject() ? caseInsensitive(member, "value") : member;
            if (id == null || !(id.isTextual() || id.isNumber()) || id.asText().isBlank()) {
                throw ScimException.invalidValue("Each member needs a 'value' with the user id, got " + member);
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static List<String> idsFromFilter(Filter filter) {
        List<String> ids = new ArrayList<>();
        collectIds(filter, ids);
        return ids;
    }

    private static void collectIds(Filter filter, List<String> ids) {
        if (filter instanceof Filter.Or or) {
            collectIds(or.left(), ids);
            collectIds(or.right(), ids);
            return;
        }
        if (filter instanceof Filter.Compare compare && compare.operator() == ComparisonOperator.EQ
                && compare.path().attribute().equalsIgnoreCase("value") && compare.path().subAttribute() == null
                && !compare.value().isNull()) {
            ids.add(compare.value().asText());
            return;
        }
        throw ScimException.invalidPath("Only members[value eq \"id\"] filters (optionally joined with or) are supported");
    }

    private static void rename(TeamChange change, JsonNode value) {
        JsonNode name = value != null && value.isObject() ? caseInsensitive(value, "displayName") : value;
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ScimException.invalidValue("displayName must be a non-empty string");
        }
        TextRules.check("displayName", name.asText(), TextRules.MAX_LENGTH);
        change.displayName = name.asText();
    }

    static String externalId(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw ScimException.invalidValue("externalId must be a string");
        }
        return value.asText();
    }

    private static JsonNode caseInsensitive(JsonNode node, String name) {
        return JsonFields.get(node, name);
    }
}
