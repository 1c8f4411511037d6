package io.scimitar.mock.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A SCIM schema resource as served by /Schemas. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaDefinition(
        List<String> schemas,
        String id,
        String name,
        String description,
        List<AttributeDefinition> attributes,
        Map<String, String> meta) {

    public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static SchemaDefinition of(String id, String name, String description, List<AttributeDefinition> attributes) {
        return new SchemaDefinition(List.of(SCHEMA_URN), id, name, description, attributes,
                Map.of("resourceType", "Schema", "location", "/Schemas/" + id));
    }

    /** Finds a top-level attribute by name, ignoring case; null when absent. */
    @JsonIgnore
    public AttributeDefinition attribute(String attributeName) {
        String wanted = attributeName.toLowerCase(Locale.ROOT);
        for (AttributeDefinition attribute : attributes) {
            if (attribute.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return attribute;
            }
        }
        return null;
    }
}
