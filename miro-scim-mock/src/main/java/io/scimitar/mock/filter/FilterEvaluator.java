package io.scimitar.mock.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.mock.json.JsonFields;
import io.scimitar.mock.schema.ScimSchemas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Evaluates a parsed filter against a SCIM resource (or an element of a multi-valued attribute). */
public final class FilterEvaluator {

    /** Attributes compared case-sensitively (RFC 7643 caseExact). */
    private static final Set<String> CASE_EXACT = Set.of("id", "externalid", "$ref");

    private FilterEvaluator() {
    }

    public static boolean matches(Filter filter, JsonNode resource) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), resource) && matches(and.right(), resource);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), resource) || matches(or.right(), resource);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.inner(), resource);
        }
        if (filter instanceof Filter.Present present) {
            for (JsonNode value : values(resource, present.path())) {
                if (!JsonFields.isAbsent(value) && !(value.isTextual() && value.asText().isEmpty())) {
                    return true;
                }
            }
            return false;
        }
        if (filter instanceof Filter.ValuePath valuePath) {
            JsonNode container = container(resource, valuePath.attribute());
            JsonNode attribute = JsonFields.get(container, valuePath.attribute().attribute());
            if (attribute == null) {
                return false;
            }
            if (attribute.isArray()) {
                for (JsonNode element : attribute) {
                    if (matches(valuePath.inner(), element)) {
                        return true;
                    }
                }
                return false;
            }
            return matches(valuePath.inner(), attribute);
        }
        Filter.Compare compare = (Filter.Compare) filter;
        List<JsonNode> values = values(resource, compare.path());
        if (compare.operator() == ComparisonOperator.NE) {
            return values.stream().noneMatch(v -> compare(v, ComparisonOperator.EQ, compare.value(), compare.path()));
        }
        if (compare.value().isNull() && compare.operator() == ComparisonOperator.EQ) {
            return values.stream().allMatch(JsonFields::isAbsent);
        }
        for (JsonNode value : values) {
            if (compare(value, compare.operator(), compare.value(), compare.path())) {
                return true;
            }
        }
        return false;
    }

    /** All values an attribute path designates, flattening multi-valued attributes. */
    static List<JsonNode> values(JsonNode resource, AttributePath path) {
        List<JsonNode> result = new ArrayList<>(2);
        JsonNode attribute = JsonFields.get(container(resource, path), path.attribute());
        if (attribute == null || attribute.isNull()) {
            return result;
        }
        if (attribute.isArray()) {
            for (JsonNode element : attribute) {
                addValue(result, element, path.subAttribute());
            }
        } else {
            addValue(result, attribute, path.subAttribute());
        }
        return result;
    }

    private static void addValue(List<JsonNode> result, JsonNode node, String sub) {
        if (sub != null) {
            JsonNode value = JsonFields.get(node, sub);
            if (value != null && value.isArray()) {
                value.forEach(result::add);
            } else if (value != null) {
                result.add(value);
            }
        } else if (node.isObject() && JsonFields.get(node, "value") != null) {
            result.add(JsonFields.get(node, "value"));
        } else {
            result.add(node);
        }
    }

    private static JsonNode container(JsonNode resource, AttributePath path) {
        if (path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(ScimSchemas.USER)
                || path.schemaUrn().equalsIgnoreCase(ScimSchemas.GROUP)) {
            return resource;
        }
        return JsonFields.get(resource, path.schemaUrn());
    }

    private static boolean compare(JsonNode actual, ComparisonOperator operator, JsonNode expected, AttributePath path) {
        if (JsonFields.isAbsent(actual) || expected.isNull()) {
            return false;
        }
        if (actual.isBoolean() || expected.isBoolean()) {
            boolean equal = actual.asText().equalsIgnoreCase(expected.asText());
            return operator == ComparisonOperator.EQ && equal;
        }
        if (actual.isNumber() && expected.isNumber()) {
            int order = new BigDecimal(actual.asText()).compareTo(new BigDecimal(expected.asText()));
            return ordered(operator, order, actual.asText(), expected.asText());
        }
        String left = actual.asText();
        String right = expected.asText();
        String leaf = (path.subAttribute() != null ? path.subAttribute() : path.attribute()).toLowerCase(Locale.ROOT);
        if (!CASE_EXACT.contains(leaf)) {
            left = left.toLowerCase(Locale.ROOT);
            right = right.toLowerCase(Locale.ROOT);
        }
        return ordered(operator, left.compareTo(right), left, right);
    }

    private static boolean ordered(ComparisonOperator operator, int order, String left, String right) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
        };
    }
}
