package io.scimitar.mock.schema;

import java.util.List;
import java.util.Map;

/** A SCIM ResourceType (RFC 7643 §6). */
public record ResourceType(List<String> schemas, String id, String name, String endpoint, String description, String schema,
                           List<SchemaExtension> schemaExtensions, Map<String, String> meta) {

    public record SchemaExtension(String schema, boolean required) {
    }

    public static final ResourceType USER = new ResourceType(
            List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), "User", "User", "/Users", "Miro user",
            ScimSchemas.USER, List.of(new SchemaExtension(ScimSchemas.ENTERPRISE_USER, false)),
            Map.of("resourceType", "ResourceType", "location", "/ResourceTypes/User"));

    public static final ResourceType GROUP = new ResourceType(
            List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), "Group", "Group", "/Groups", "Miro team",
            ScimSchemas.GROUP, List.of(),
            Map.of("resourceType", "ResourceType", "location", "/ResourceTypes/Group"));
}
