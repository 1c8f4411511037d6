package io.scimitar.mock.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.AttributePath;
import io.scimitar.mock.json.JsonFields;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** sortBy/sortOrder (RFC 7644 §3.4.2.3): string values compared ignoring case, missing values last. */
public record SortRequest(AttributePath sortBy, boolean descending) {

    public static SortRequest of(String sortBy, String sortOrder) {
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> throw ScimException.invalidValue("sortOrder must be 'ascending' or 'descending', got '" + sortOrder + "'");
            }
        }
        if (sortBy == null || sortBy.isBlank()) {
            return new SortRequest(null, descending);
        }
        try {
            return new SortRequest(AttributePath.parse(sortBy.trim()), descending);
        } catch (ScimException e) {
            throw ScimException.invalidValue("Invalid sortBy '" + sortBy + "'");
        }
    }

    public void sort(List<JsonNode> resources) {
        if (sortBy == null) {
            return;
        }
        Comparator<String> values = Comparator.nullsLast(Comparator.naturalOrder());
        Comparator<JsonNode> comparator = Comparator.comparing(this::key, descending ? Comparator.nullsLast(Comparator.<String>reverseOrder()) : values);
        resources.sort(comparator);
    }

    private String key(JsonNode resource) {
        JsonNode container = resource;
        if (sortBy.schemaUrn() != null && JsonFields.get(resource, sortBy.schemaUrn()) != null) {
            container = JsonFields.get(resource, sortBy.schemaUrn());
        }
        JsonNode attribute = JsonFields.get(container, sortBy.attribute());
        if (attribute == null) {
            return null;
        }
        if (attribute.isArray()) {
            JsonNode chosen = null;
            for (JsonNode element : attribute) {
                if (chosen == null || (JsonFields.get(element, "primary") != null && JsonFields.get(element, "primary").asBoolean())) {
                    chosen = element;
                }
            }
            attribute = chosen;
        }
        if (attribute == null) {
            return null;
        }
        if (sortBy.subAttribute() != null) {
            attribute = JsonFields.get(attribute, sortBy.subAttribute());
        } else if (attribute.isObject() && JsonFields.get(attribute, "value") != null) {
            attribute = JsonFields.get(attribute, "value");
        }
        return attribute == null || attribute.isNull() ? null : attribute.asText().toLowerCase(Locale.ROOT);
    }
}
