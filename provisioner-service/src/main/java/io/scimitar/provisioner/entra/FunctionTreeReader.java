package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the expression text of an Entra {@code attributeMappingSource} tree given without an {@code expression}:
 * {@code Attribute} is {@code [name]}, {@code Constant} is {@code "name"}, {@code Function} is
 * {@code name(parameters...)} with keyed parameters in their positions and omitted ones left empty. A function named
 * by a comparison ({@code =}, {@code <>}, {@code >}, ...) with two parameters is the comparison, as Scimitar's
 * export writes IIF conditions.
 */
final class FunctionTreeReader {

    static final Set<String> COMPARISONS = Set.of("=", "<>", ">", ">=", "<", "<=");

    private FunctionTreeReader() {
    }

    static String expression(JsonNode source, String pointer) {
        if (source == null || !source.isObject()) {
            throw SchemaProblem.at(pointer, "must be an attributeMappingSource object");
        }
        String type = text(source, "type", pointer);
        String name = text(source, "name", pointer);
        if (type == null || type.equals("Attribute")) {
            if (name == null || name.isBlank()) {
                throw SchemaProblem.at(pointer + "/name", "an Attribute source needs the attribute's name");
            }
            return "[" + name + "]";
        }
        if (type.equals("Constant")) {
            return quote(name == null ? "" : name);
        }
        if (!type.equals("Function")) {
            throw SchemaProblem.at(pointer + "/type", "'" + type + "' is not a source type; use Attribute, Constant "
                    + "or Function");
        }
        if (name == null || name.isBlank()) {
            throw SchemaProblem.at(pointer + "/name", "a Function source needs the function's name");
        }
        List<String> arguments = arguments(name, source.get("parameters"), pointer + "/parameters");
        if (COMPARISONS.contains(name)) {
            if (arguments.size() != 2) {
                throw SchemaProblem.at(pointer + "/parameters", "the comparison '" + name + "' needs two parameters");
            }
            return arguments.get(0) + " " + name + " " + arguments.get(1);
        }
        return name + "(" + String.join(", ", arguments) + ")";
    }

    private static List<String> arguments(String function, JsonNode parameters, String pointer) {
        List<String> placed = new ArrayList<>();
        if (parameters == null || parameters.isNull()) {
            return placed;
        }
        if (!parameters.isArray()) {
            throw SchemaProblem.at(pointer, "must be a list of {key, value} pairs");
        }
        int next = 0;
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode pair = parameters.get(i);
            String at = pointer + "/" + i;
            if (!pair.isObject() || !pair.has("value")) {
                throw SchemaProblem.at(at, "must be a {key, value} pair with an attributeMappingSource as its value");
            }
            JsonNode key = pair.get("key");
            String name = key != null && key.isTextual() ? key.asText() : null;
            int position = FunctionParameterNames.position(function, name);
            if (position < 0 && FunctionParameterNames.isRest(function, name)) {
                position = Math.max(next, FunctionParameterNames.namedCount(function));
            }
            if (position < next) {
                position = next;
            }
            while (placed.size() <= position) {
                placed.add("");
            }
            placed.set(position, expression(pair.get("value"), at + "/value"));
            next = position + 1;
        }
        return placed;
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String text(JsonNode node, String field, String pointer) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw SchemaProblem.at(pointer + "/" + field, "must be a string");
        }
        return value.asText();
    }
}
