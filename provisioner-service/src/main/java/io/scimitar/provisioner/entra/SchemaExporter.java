package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingClauseSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingFilterSettings;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.filter.ScopingOperator;
import io.scimitar.provisioner.rules.mapping.ApplyOn;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.parser.ExpressionParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a job's users and groups settings as a Microsoft Graph {@code synchronizationSchema}, with Entra's field
 * names, casing and order, so that it can be compared with the schema Entra gives and imported back unchanged.
 * Scimitar's {@code whenEmpty}, which Entra lacks, travels as object mapping metadata
 * ({@code ScimitarWhenEmpty.<targetAttributeName>}). Plain Java.
 */
public final class SchemaExporter {

    static final String USER_TARGET_OBJECT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP_TARGET_OBJECT = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaExporter() {
    }

    public static ObjectNode export(ConnectorProfile profile, ObjectTypeSettings users, ObjectTypeSettings groups) {
        String target = profile == ConnectorProfile.MIRO ? "Miro" : "SCIM";
        ObjectNode rule = JSON.objectNode();
        rule.put("editable", true);
        rule.set("metadata", JSON.arrayNode());
        rule.put("name", "USER_GROUP_TO_" + target.toUpperCase(Locale.ROOT));
        ArrayNode objects = rule.putArray("objectMappings");
        objects.add(objectMapping(users, "User", USER_TARGET_OBJECT, "Provision Microsoft Entra ID Users", false));
        objects.add(objectMapping(groups, "Group", GROUP_TARGET_OBJECT, "Provision Microsoft Entra ID Groups", true));
        rule.put("priority", 1);
        rule.put("sourceDirectoryName", SchemaImporter.SOURCE_DIRECTORY);
        rule.put("targetDirectoryName", target);
        ObjectNode schema = JSON.objectNode();
        schema.set("directories", JSON.arrayNode());
        schema.putArray("synchronizationRules").add(rule);
        return schema;
    }

    private static ObjectNode objectMapping(ObjectTypeSettings settings, String sourceObject, String targetObject,
            String name, boolean groups) {
        ObjectNode object = JSON.objectNode();
        ArrayNode mappings = object.putArray("attributeMappings");
        ArrayNode metadata = JSON.arrayNode();
        for (AttributeMappingDefinition mapping : settings.mappings()) {
            mappings.add(attributeMapping(mapping));
            if (mapping.whenEmpty() != null) {
                ObjectNode entry = metadata.addObject();
                entry.put("key", SchemaImporter.WHEN_EMPTY_PREFIX + mapping.target());
                entry.put("value", mapping.whenEmpty());
            }
        }
        if (groups) {
            mappings.add(membersMapping());
        }
        object.put("enabled", settings.enabled());
        object.put("flowTypes", flowTypes(settings));
        object.set("metadata", metadata);
        object.put("name", name);
        object.set("scope", scope(settings.scopingFilters()));
        object.put("sourceObjectName", sourceObject);
        object.put("targetObjectName", targetObject);
        return object;
    }

    private static ObjectNode attributeMapping(AttributeMappingDefinition mapping) {
        ObjectNode node = JSON.objectNode();
        if (mapping.defaultValue() == null) {
            node.putNull("defaultValue");
        } else {
            node.put("defaultValue", mapping.defaultValue());
        }
        node.put("exportMissingReferences", false);
        node.put("flowBehavior", "FlowWhenChanged");
        node.put("flowType", mapping.applyOn() == ApplyOn.CREATE_ONLY ? "ObjectAddOnly" : "Always");
        node.put("matchingPriority", mapping.matching() ? Math.max(1, mapping.matchingPrecedence()) : 0);
        node.set("source", source(mapping));
        node.put("targetAttributeName", mapping.target());
        return node;
    }

    private static ObjectNode source(AttributeMappingDefinition mapping) {
        if (mapping.type() == null) {
            return null;
        }
        return switch (mapping.type()) {
            case NONE -> null;
            case DIRECT -> leaf("[" + mapping.source() + "]", mapping.source(), "Attribute");
            case CONSTANT -> leaf(FunctionTreeReader.quote(mapping.source()), mapping.source(), "Constant");
            case EXPRESSION -> {
                try {
                    yield ExpressionTreeWriter.tree(ExpressionParser.parse(mapping.source()).root(), mapping.source());
                } catch (ExpressionParseException e) {
                    ObjectNode source = JSON.objectNode();
                    source.put("expression", mapping.source());
                    source.put("type", "Function");
                    yield source;
                }
            }
        };
    }

    private static ObjectNode leaf(String expression, String name, String type) {
        ObjectNode source = JSON.objectNode();
        source.put("expression", expression);
        source.put("name", name);
        source.set("parameters", JSON.arrayNode());
        source.put("type", type);
        return source;
    }

    private static ObjectNode membersMapping() {
        ObjectNode node = JSON.objectNode();
        node.putNull("defaultValue");
        node.put("exportMissingReferences", false);
        node.put("flowBehavior", "FlowWhenChanged");
        node.put("flowType", "Always");
        node.put("matchingPriority", 0);
        node.set("source", leaf("[members]", "members", "Attribute"));
        node.put("targetAttributeName", "members");
        return node;
    }

    private static String flowTypes(ObjectTypeSettings settings) {
        List<String> flows = new ArrayList<>();
        if (settings.create()) {
            flows.add("Add");
        }
        if (settings.update()) {
            flows.add("Update");
        }
        if (settings.delete()) {
            flows.add("Delete");
        }
        return flows.isEmpty() ? "None" : String.join(", ", flows);
    }

    private static ObjectNode scope(List<ScopingFilterSettings> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        ObjectNode scope = JSON.objectNode();
        scope.set("categoryFilterGroups", JSON.arrayNode());
        ArrayNode groups = scope.putArray("groups");
        for (ScopingFilterSettings filter : filters) {
            ObjectNode group = groups.addObject();
            ArrayNode clauses = group.putArray("clauses");
            for (ScopingClauseSettings clause : filter.clauses()) {
                ScopingOperator operator = ScopingOperator.parse(clause.operator());
                ObjectNode node = clauses.addObject();
                node.put("operatorName", ScopeOperatorNames.write(operator));
                node.put("sourceOperandName", clause.attribute());
                ArrayNode values = node.putObject("targetOperand").putArray("values");
                if (operator.needsValue() && clause.value() != null) {
                    values.add(clause.value());
                }
            }
            if (filter.title() == null) {
                group.putNull("name");
            } else {
                group.put("name", filter.title());
            }
        }
        scope.set("inputFilterGroups", JSON.arrayNode());
        return scope;
    }
}
