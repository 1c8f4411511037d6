package io.scimitar.provisioner.targetindex;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.rules.mapping.MatchingAttribute;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A matching attribute the index can evaluate on a resource read from the target, and its values normalised as a
 * SCIM filter compares them: case-insensitively except {@code id} and {@code externalId} (RFC 7643 caseExact).
 * Evaluable: a single-valued attribute ({@code userName}, {@code externalId}, {@code displayName}), a sub-attribute
 * of a single-valued complex one ({@code name.familyName}), the same in the enterprise extension, and a value path of
 * a multi-valued one ({@code emails[type eq "work"].value}). Anything else is matched by a filter query.
 */
public record IndexedAttribute(String target, String schema, String attribute, String filterName,
        String filterValue, String subAttribute) {

    private static final Pattern PATH = Pattern.compile(
            "([A-Za-z][\\w$-]*)(?:\\[([A-Za-z][\\w$-]*) (?i:eq) \"([^\"\\\\]*)\"\\])?(?:\\.([A-Za-z][\\w$-]*))?");
    private static final Set<String> MULTI_VALUED = Set.of("emails", "phonenumbers", "ims", "photos", "addresses",
            "groups", "entitlements", "roles", "x509certificates", "members");
    private static final Set<String> CASE_EXACT = Set.of("id", "externalid");
    private static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:";

    /** The attribute, when the index can evaluate it. */
    public static Optional<IndexedAttribute> of(String target) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        String text = target.trim();
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':', text.indexOf('[') < 0 ? text.length() : text.indexOf('['));
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (schema.toLowerCase(Locale.ROOT).startsWith(CORE_PREFIX)) {
                schema = null;
            }
        }
        Matcher m = PATH.matcher(rest);
        if (!m.matches()) {
            return Optional.empty();
        }
        String attribute = m.group(1);
        boolean filtered = m.group(2) != null;
        if (!filtered && MULTI_VALUED.contains(attribute.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(new IndexedAttribute(target, schema, attribute, m.group(2), m.group(3), m.group(4)));
    }

    /** Those of a mapping set's matching attributes the index can evaluate, in precedence order. */
    public static List<IndexedAttribute> matching(List<MatchingAttribute> attributes) {
        return attributes.stream()
                .sorted(Comparator.comparingInt(MatchingAttribute::precedence))
                .map(attribute -> of(attribute.target()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The normalised values of this attribute in {@code resource} (empty when it has none). */
    public Set<String> values(JsonNode resource) {
        Set<String> values = new LinkedHashSet<>();
        JsonNode container = schema == null ? resource : field(resource, schema);
        JsonNode node = field(container, attribute);
        if (node == null) {
            return values;
        }
        if (filterName != null) {
            if (node.isArray()) {
                for (JsonNode element : node) {
                    JsonNode tested = field(element, filterName);
                    if (tested != null && tested.isValueNode() && tested.asText().equalsIgnoreCase(filterValue)) {
                        add(values, field(element, subAttribute == null ? "value" : subAttribute));
                    }
                }
            }
            return values;
        }
        add(values, subAttribute == null ? node : field(node, subAttribute));
        return values;
    }

    /** {@code value} as the index holds it. */
    public String normalise(Object value) {
        String text = String.valueOf(value);
        String leaf = subAttribute != null ? subAttribute : filterName != null ? "value" : attribute;
        return CASE_EXACT.contains(leaf.toLowerCase(Locale.ROOT)) ? text : text.toLowerCase(Locale.ROOT);
    }

    private void add(Set<String> values, JsonNode node) {
        if (node != null && node.isValueNode() && !node.isNull()) {
            values.add(normalise(node.asText()));
        }
    }

    private static JsonNode field(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode exact = parent.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = parent.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
