package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingClauseSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingFilterSettings;
import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.filter.ScopingOperator;
import io.scimitar.provisioner.rules.mapping.ApplyOn;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.mapping.MappingType;
import io.scimitar.provisioner.rules.parser.ExpressionParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Microsoft Graph {@code synchronizationSchema} into a job's users and groups settings: object mappings
 * (enabled, {@code flowTypes} as the target object actions), attribute mappings (Attribute as DIRECT, Constant as
 * CONSTANT, Function as EXPRESSION from its {@code expression} or rebuilt from its tree), {@code matchingPriority},
 * {@code flowType}, {@code defaultValue}, and {@code scope} filter groups. What it cannot take as Entra means it goes
 * in the report with its JSON pointer; a document it cannot read is a {@link SchemaProblem}. Plain Java.
 */
public final class SchemaImporter {

    static final String SOURCE_DIRECTORY = "Azure Active Directory";
    static final String WHEN_EMPTY_PREFIX = "ScimitarWhenEmpty.";
    private static final Set<String> SCHEMA_FIELDS = Set.of("directories", "synchronizationRules", "version", "id",
            "@odata.context", "@odata.type");
    private static final Set<String> RULE_FIELDS = Set.of("id", "name", "editable", "priority", "sourceDirectoryName",
            "targetDirectoryName", "objectMappings", "metadata", "containerFilter", "groupFilter", "@odata.type");
    private static final Set<String> OBJECT_FIELDS = Set.of("name", "enabled", "flowTypes", "attributeMappings",
            "scope", "metadata", "sourceObjectName", "targetObjectName", "@odata.type");
    private static final Set<String> MAPPING_FIELDS = Set.of("source", "targetAttributeName", "defaultValue",
            "flowType", "flowBehavior", "matchingPriority", "exportMissingReferences", "@odata.type");

    private final ConnectorProfile profile;
    private final List<ImportReportItem> report = new ArrayList<>();
    private final Map<String, String> pointers = new LinkedHashMap<>();

    private SchemaImporter(ConnectorProfile profile) {
        this.profile = profile;
    }

    /** Imports {@code schema} for a job of {@code profile}; throws a 400 problem naming the pointer when unreadable. */
    public static ImportedSchema read(JsonNode schema, ConnectorProfile profile) {
        return new SchemaImporter(profile).readSchema(schema);
    }

    private ImportedSchema readSchema(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            throw SchemaProblem.at("", "the synchronization schema must be a JSON object");
        }
        reportUnknownFields(schema, "", SCHEMA_FIELDS);
        JsonNode directories = schema.get("directories");
        if (directories != null && directories.isArray() && !directories.isEmpty()) {
            report.add(ImportReportItem.dropped("/directories", directories.size() + " directory definition(s)",
                    "Entra's catalogue of the attributes of the source and the target; Scimitar takes the target's "
                            + "attribute names from the mappings and reads the source by the table of Entra directory "
                            + "attributes, so it needs no catalogue"));
        }
        JsonNode rules = schema.get("synchronizationRules");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw SchemaProblem.at("/synchronizationRules", "must list the synchronization rules (at least one)");
        }
        int chosen = -1;
        for (int i = 0; i < rules.size() && chosen < 0; i++) {
            if (rules.get(i).isObject() && objectMappingIndex(rules.get(i).get("objectMappings"), "User") >= 0) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            throw SchemaProblem.at("/synchronizationRules", "no rule has an object mapping with sourceObjectName "
                    + "'User'; Entra's provisioning schemas map users in their first rule");
        }
        for (int i = 0; i < rules.size(); i++) {
            if (i != chosen) {
                report.add(ImportReportItem.dropped("/synchronizationRules/" + i, "synchronization rule "
                        + textOr(rules.get(i), "name", "#" + i), "a Scimitar job takes one rule, the one that maps "
                        + "users (/synchronizationRules/" + chosen + ")"));
            }
        }
        return readRule(rules.get(chosen), "/synchronizationRules/" + chosen);
    }

    private ImportedSchema readRule(JsonNode rule, String pointer) {
        reportUnknownFields(rule, pointer, RULE_FIELDS);
        reportMetadata(rule.get("metadata"), pointer + "/metadata");
        for (String filter : List.of("containerFilter", "groupFilter")) {
            JsonNode value = rule.get(filter);
            if (value != null && !value.isNull() && !value.isEmpty()) {
                report.add(ImportReportItem.dropped(pointer + "/" + filter, filter, "it limits on-premises Active "
                        + "Directory containers and groups; Scimitar's source scope is the job's assignment scope "
                        + "and its scoping filters"));
            }
        }
        JsonNode objects = rule.get("objectMappings");
        String objectsPointer = pointer + "/objectMappings";
        ObjectTypeSettings users = null;
        ObjectTypeSettings groups = null;
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            String at = objectsPointer + "/" + i;
            if (!object.isObject()) {
                throw SchemaProblem.at(at, "must be an objectMapping object");
            }
            String sourceObject = textOr(object, "sourceObjectName", "");
            if (sourceObject.equalsIgnoreCase("User") && users == null) {
                users = readObject(object, at, "users");
            } else if (sourceObject.equalsIgnoreCase("Group") && groups == null) {
                groups = readObject(object, at, "groups");
            } else {
                report.add(ImportReportItem.dropped(at, "object mapping " + textOr(object, "name", sourceObject),
                        sourceObject.equalsIgnoreCase("User") || sourceObject.equalsIgnoreCase("Group")
                                ? "a second mapping of " + sourceObject + " objects; a job maps each once"
                                : "Scimitar provisions users and groups; '" + sourceObject + "' objects have no "
                                + "counterpart"));
            }
        }
        if (groups == null) {
            ObjectTypeSettings defaults = profile.defaults().groups();
            groups = new ObjectTypeSettings(false, defaults.create(), defaults.update(), defaults.delete(),
                    defaults.mappings(), List.of());
        }
        return new ImportedSchema(users, groups, report, pointers);
    }

    private ObjectTypeSettings readObject(JsonNode object, String pointer, String field) {
        reportUnknownFields(object, pointer, OBJECT_FIELDS);
        Map<String, String> whenEmpty = new HashMap<>();
        JsonNode metadata = object.get("metadata");
        List<String> entraMetadata = new ArrayList<>();
        if (metadata != null && metadata.isArray()) {
            for (JsonNode entry : metadata) {
                String key = textOr(entry, "key", "");
                if (key.startsWith(WHEN_EMPTY_PREFIX)) {
                    whenEmpty.put(key.substring(WHEN_EMPTY_PREFIX.length()), textOr(entry, "value", null));
                } else {
                    entraMetadata.add(key);
                }
            }
        }
        if (!entraMetadata.isEmpty()) {
            report.add(ImportReportItem.dropped(pointer + "/metadata", "metadata " + String.join(", ", entraMetadata),
                    "Entra's internal settings of the object mapping (\"unless mentioned explicitly, metadata values "
                            + "should not be changed\"); Scimitar has no counterpart"));
        }
        boolean enabled = bool(object, "enabled", true, pointer);
        Set<String> flows = flowTypes(object.get("flowTypes"), pointer + "/flowTypes");
        boolean create = flows.contains("add");
        boolean delete = flows.contains("delete");
        ObjectTypeSettings profileDefaults = field.equals("users") ? profile.defaults().users()
                : profile.defaults().groups();
        if (field.equals("groups") && enabled) {
            if (create && !profileDefaults.create()) {
                create = false;
                report.add(ImportReportItem.changed(pointer + "/flowTypes", "Add (create groups)", profile.name()
                        .toLowerCase(Locale.ROOT) + " cannot create groups through SCIM: Create is off, as the "
                        + "app's Entra tutorial says to set it (teams must already exist with the same name)"));
            }
            if (delete && !profileDefaults.delete()) {
                delete = false;
                report.add(ImportReportItem.changed(pointer + "/flowTypes", "Delete (delete groups)", profile.name()
                        .toLowerCase(Locale.ROOT) + " cannot delete groups through SCIM: Delete is off, as the "
                        + "app's Entra tutorial says to set it"));
            }
        }
        if (field.equals("users") && !enabled) {
            throw SchemaProblem.at(pointer + "/enabled", "the Users mapping cannot be turned off, as in Entra");
        }
        List<AttributeMappingDefinition> mappings = readMappings(object.get("attributeMappings"),
                pointer + "/attributeMappings", field, whenEmpty);
        if (whenEmpty.isEmpty() && profile.canClearAttributes()) {
            report.add(ImportReportItem.changed(pointer + "/attributeMappings", "values that become empty",
                    "Entra never sends an emptied value; this " + profile.name().toLowerCase(Locale.ROOT) + " job "
                            + "removes it from the target (whenEmpty CLEAR) unless a mapping's whenEmpty is KEEP"));
        }
        List<ScopingFilterSettings> filters = readScope(object.get("scope"), pointer + "/scope", field);
        return new ObjectTypeSettings(enabled, create, flows.contains("update"), delete, mappings, filters);
    }

    private List<AttributeMappingDefinition> readMappings(JsonNode list, String pointer, String field,
            Map<String, String> whenEmpty) {
        List<AttributeMappingDefinition> mappings = new ArrayList<>();
        if (list == null || list.isNull()) {
            return mappings;
        }
        if (!list.isArray()) {
            throw SchemaProblem.at(pointer, "must be a list of attributeMapping objects");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/" + i;
            JsonNode mapping = list.get(i);
            if (!mapping.isObject()) {
                throw SchemaProblem.at(at, "must be an attributeMapping object");
            }
            reportUnknownFields(mapping, at, MAPPING_FIELDS);
            AttributeMappingDefinition definition = readMapping(mapping, at, field);
            if (definition != null) {
                String emptyAction = whenEmpty.get(definition.target());
                if (emptyAction != null) {
                    definition = definition.whenEmpty(emptyAction);
                }
                pointers.put(field + ".mappings[" + mappings.size() + "]", at);
                mappings.add(definition);
            }
        }
        return mappings;
    }

    private AttributeMappingDefinition readMapping(JsonNode mapping, String pointer, String field) {
        String target = textOr(mapping, "targetAttributeName", null);
        if (target == null || target.isBlank()) {
            throw SchemaProblem.at(pointer + "/targetAttributeName", "every attribute mapping needs its target "
                    + "attribute");
        }
        JsonNode source = mapping.get("source");
        String defaultValue = textOr(mapping, "defaultValue", null);
        if (field.equals("groups") && target.equals("members")) {
            if (source != null && "members".equals(textOr(source, "name", null))) {
                return null;
            }
            report.add(ImportReportItem.dropped(pointer, "members mapping", "Scimitar always provisions a group's "
                    + "members from the group's membership (see the membership rule); it takes no other source"));
            return null;
        }
        MappingType type;
        String value;
        if (source == null || source.isNull()) {
            if (defaultValue == null) {
                report.add(ImportReportItem.dropped(pointer, "mapping of " + target, "it has neither a source nor a "
                        + "default value, so it never gives a value"));
                return null;
            }
            type = MappingType.NONE;
            value = null;
        } else {
            if (!source.isObject()) {
                throw SchemaProblem.at(pointer + "/source", "must be an attributeMappingSource object or null");
            }
            String sourceType = textOr(source, "type", "Attribute");
            switch (sourceType) {
                case "Attribute" -> {
                    type = MappingType.DIRECT;
                    value = FunctionTreeReader.expression(source, pointer + "/source");
                    value = sourceAttribute(value.substring(1, value.length() - 1), pointer + "/source/name");
                }
                case "Constant" -> {
                    type = MappingType.CONSTANT;
                    value = textOr(source, "name", "");
                }
                case "Function" -> {
                    type = MappingType.EXPRESSION;
                    value = functionExpression(source, pointer + "/source");
                }
                default -> throw SchemaProblem.at(pointer + "/source/type", "'" + sourceType + "' is not a source "
                        + "type; use Attribute, Constant or Function");
            }
        }
        ApplyOn applyOn = applyOn(mapping, pointer);
        flowBehavior(mapping, pointer);
        JsonNode missingReferences = mapping.get("exportMissingReferences");
        if (missingReferences != null && missingReferences.asBoolean(false)) {
            report.add(ImportReportItem.changed(pointer + "/exportMissingReferences", "exportMissingReferences",
                    "for Entra's internal use; Scimitar resolves references (group members) by its membership rule"));
        }
        int priority = matchingPriority(mapping, pointer);
        return new AttributeMappingDefinition(type, value, target, defaultValue, applyOn, priority > 0, priority);
    }

    private String sourceAttribute(String entraName, String pointer) {
        Optional<String> scimitar = SourceAttributeTable.scimitarName(entraName);
        if (scimitar.isEmpty()) {
            report.add(unknownAttribute(entraName, pointer));
            return entraName;
        }
        return scimitar.get();
    }

    private static ImportReportItem unknownAttribute(String entraName, String pointer) {
        return ImportReportItem.changed(pointer, "source attribute " + entraName, "Scimitar's source has no "
                + "attribute '" + entraName + "' (see the table of Entra directory attributes), so it reads as "
                + "empty; provision it into the directory (as an extension_<appId>_<name> attribute) or change the "
                + "mapping");
    }

    private String functionExpression(JsonNode source, String pointer) {
        String given = textOr(source, "expression", null);
        boolean rebuilt = given == null || given.isBlank();
        String text = rebuilt ? FunctionTreeReader.expression(source, pointer) : given;
        String textPointer = rebuilt ? pointer : pointer + "/expression";
        Expression parsed;
        try {
            parsed = ExpressionParser.parse(text);
        } catch (ExpressionParseException e) {
            throw SchemaProblem.at(textPointer, (rebuilt ? "the expression rebuilt from the function tree, " + text
                    + ", is invalid: " : "") + e.getMessage(), rebuilt ? null : e.position());
        }
        Set<String> names = parsed.referencedAttributes();
        boolean renamed = false;
        Map<String, String> renames = new HashMap<>();
        for (String name : names) {
            Optional<String> scimitar = SourceAttributeTable.scimitarName(name);
            if (scimitar.isEmpty()) {
                report.add(unknownAttribute(name, textPointer));
            } else if (!scimitar.get().equals(name)) {
                renames.put(name, scimitar.get());
                renamed = true;
            }
        }
        return renamed ? ExpressionTreeWriter.text(parsed.root(), name -> renames.getOrDefault(name, name)) : text;
    }

    private ApplyOn applyOn(JsonNode mapping, String pointer) {
        String flowType = textOr(mapping, "flowType", "Always");
        return switch (flowType) {
            case "Always" -> ApplyOn.ALWAYS;
            case "ObjectAddOnly" -> ApplyOn.CREATE_ONLY;
            case "MultiValueAddOnly", "ValueAddOnly", "AttributeAddOnly" -> {
                report.add(ImportReportItem.changed(pointer + "/flowType", "flowType " + flowType, "Scimitar applies "
                        + "a mapping always or only on create; this one is applied always (Entra would only add "
                        + "values, never remove or replace them)"));
                yield ApplyOn.ALWAYS;
            }
            default -> throw SchemaProblem.at(pointer + "/flowType", "'" + flowType + "' is not a flowType; use "
                    + "Always, ObjectAddOnly, MultiValueAddOnly, ValueAddOnly or AttributeAddOnly");
        };
    }

    private void flowBehavior(JsonNode mapping, String pointer) {
        String behavior = textOr(mapping, "flowBehavior", "FlowWhenChanged");
        if (behavior.equals("FlowAlways")) {
            report.add(ImportReportItem.changed(pointer + "/flowBehavior", "flowBehavior FlowAlways", "Scimitar "
                    + "sends a value when it differs from the one last sent to the target (Entra's FlowWhenChanged)"));
        } else if (!behavior.equals("FlowWhenChanged")) {
            throw SchemaProblem.at(pointer + "/flowBehavior", "'" + behavior + "' is not a flowBehavior; use "
                    + "FlowWhenChanged or FlowAlways");
        }
    }

    private static int matchingPriority(JsonNode mapping, String pointer) {
        JsonNode priority = mapping.get("matchingPriority");
        if (priority == null || priority.isNull()) {
            return 0;
        }
        if (!priority.canConvertToInt() || !priority.isIntegralNumber() || priority.asInt() < 0) {
            throw SchemaProblem.at(pointer + "/matchingPriority", "must be a whole number, 0 (not matching) or more");
        }
        return priority.asInt();
    }

    private List<ScopingFilterSettings> readScope(JsonNode scope, String pointer, String field) {
        List<ScopingFilterSettings> filters = new ArrayList<>();
        if (scope == null || scope.isNull()) {
            return filters;
        }
        if (!scope.isObject()) {
            throw SchemaProblem.at(pointer, "must be a filter object or null");
        }
        for (String experimental : List.of("categoryFilterGroups", "inputFilterGroups")) {
            JsonNode groups = scope.get(experimental);
            if (groups != null && groups.isArray() && !groups.isEmpty()) {
                report.add(ImportReportItem.dropped(pointer + "/" + experimental, experimental, "experimental in "
                        + "Graph; Scimitar's scoping filters are the 'groups' ones (an object leaving them is "
                        + "deprovisioned); add these as filter groups if they should limit the scope"));
            }
        }
        JsonNode groups = scope.get("groups");
        if (groups == null || groups.isNull()) {
            return filters;
        }
        if (!groups.isArray()) {
            throw SchemaProblem.at(pointer + "/groups", "must be a list of filterGroup objects");
        }
        for (int g = 0; g < groups.size(); g++) {
            String at = pointer + "/groups/" + g;
            JsonNode group = groups.get(g);
            JsonNode clauses = group.get("clauses");
            if (!group.isObject() || clauses == null || !clauses.isArray() || clauses.isEmpty()) {
                throw SchemaProblem.at(at + "/clauses", "a filter group needs at least one clause");
            }
            List<ScopingClauseSettings> read = new ArrayList<>();
            for (int c = 0; c < clauses.size(); c++) {
                read.add(readClause(clauses.get(c), at + "/clauses/" + c));
            }
            pointers.put(field + ".scopingFilters[" + filters.size() + "]", at);
            filters.add(new ScopingFilterSettings(textOr(group, "name", null), read));
        }
        return filters;
    }

    private ScopingClauseSettings readClause(JsonNode clause, String pointer) {
        if (!clause.isObject()) {
            throw SchemaProblem.at(pointer, "must be a filterClause object");
        }
        String attribute = textOr(clause, "sourceOperandName", null);
        if (attribute == null || attribute.isBlank()) {
            throw SchemaProblem.at(pointer + "/sourceOperandName", "every clause names the source attribute it tests");
        }
        String operatorName = textOr(clause, "operatorName", null);
        ScopingOperator operator = ScopeOperatorNames.read(operatorName).orElseThrow(() -> SchemaProblem.at(
                pointer + "/operatorName", "'" + operatorName + "' is not a scoping operator; use one of EQUALS, "
                        + "NOT_EQUALS, IS_TRUE, IS_FALSE, IS_NULL, IS_NOT_NULL, REGEX_MATCH, NOT_REGEX_MATCH, "
                        + "Greater_Than, Greater_Than_OR_EQUALS, Includes, ENDS_WITH, &, !&"));
        List<String> values = new ArrayList<>();
        JsonNode operand = clause.get("targetOperand");
        JsonNode list = operand == null ? null : operand.get("values");
        if (list != null && list.isArray()) {
            list.forEach(value -> values.add(value.asText()));
        }
        String value = null;
        if (operator.needsValue()) {
            if (values.size() != 1) {
                throw SchemaProblem.at(pointer + "/targetOperand/values", "the operator " + operatorName + " compares "
                        + "with exactly one value (" + values.size() + " given); write one clause per value, in "
                        + "separate filter groups for 'any of'");
            }
            value = values.get(0);
        } else if (!values.isEmpty()) {
            report.add(ImportReportItem.dropped(pointer + "/targetOperand/values", "values " + values, "the operator "
                    + operatorName + " compares with no value"));
        }
        String scimitar = SourceAttributeTable.scimitarName(attribute).orElseGet(() -> {
            report.add(unknownAttribute(attribute, pointer + "/sourceOperandName"));
            return attribute;
        });
        return new ScopingClauseSettings(scimitar, operator.entraName(), value);
    }

    private static Set<String> flowTypes(JsonNode flowTypes, String pointer) {
        Set<String> flows = new LinkedHashSet<>();
        if (flowTypes == null || flowTypes.isNull()) {
            flows.addAll(List.of("add", "update", "delete"));
            return flows;
        }
        if (!flowTypes.isTextual()) {
            throw SchemaProblem.at(pointer, "must be a string such as \"Add, Update, Delete\"");
        }
        for (String flow : flowTypes.asText().split(",")) {
            String name = flow.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.equals("none")) {
                continue;
            }
            if (!Set.of("add", "update", "delete").contains(name)) {
                throw SchemaProblem.at(pointer, "'" + flow.trim() + "' is not an object flow type; use Add, Update "
                        + "and Delete");
            }
            flows.add(name);
        }
        return flows;
    }

    private void reportMetadata(JsonNode metadata, String pointer) {
        if (metadata != null && metadata.isArray() && !metadata.isEmpty()) {
            List<String> keys = new ArrayList<>();
            metadata.forEach(entry -> keys.add(textOr(entry, "key", "?")));
            report.add(ImportReportItem.dropped(pointer, "metadata " + String.join(", ", keys), "Entra's internal "
                    + "settings of the rule; Scimitar has no counterpart"));
        }
    }

    private void reportUnknownFields(JsonNode node, String pointer, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                report.add(ImportReportItem.dropped(pointer + "/" + name, name, "not a field of Graph's "
                        + "synchronizationSchema that Scimitar knows at this place"));
            }
        }
    }

    private static boolean bool(JsonNode node, String field, boolean fallback, String pointer) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw SchemaProblem.at(pointer + "/" + field, "must be true or false");
        }
        return value.asBoolean();
    }

    private static int objectMappingIndex(JsonNode objects, String sourceObjectName) {
        if (objects == null || !objects.isArray()) {
            return -1;
        }
        for (int i = 0; i < objects.size(); i++) {
            if (sourceObjectName.equalsIgnoreCase(textOr(objects.get(i), "sourceObjectName", ""))) {
                return i;
            }
        }
        return -1;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? fallback : value.asText();
    }
}
