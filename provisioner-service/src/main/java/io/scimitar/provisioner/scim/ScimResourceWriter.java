package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Map;

/** Writes mapped attribute values (target path -> value) as a SCIM resource for POST. */
public final class ScimResourceWriter {

    private final ObjectMapper json;

    public ScimResourceWriter(ObjectMapper json) {
        this.json = json;
    }

    /** A User resource as Entra posts it: core and enterprise schemas, meta.resourceType, roles always present. */
    public ObjectNode user(Map<String, Object> values) {
        ObjectNode user = json.createObjectNode();
        ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
        boolean enterprise = values.keySet().stream().anyMatch(path -> path.startsWith(ScimSchemas.ENTERPRISE_USER));
        if (enterprise) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        values.forEach((path, value) -> put(user, ScimPath.parse(path), value));
        user.putObject("meta").put("resourceType", "User");
        return user;
    }

    /**
     * A Group resource to create, with these members (target user ids) in it: one write where Entra posts the group
     * without members and adds them by PATCH; with none, no {@code members} attribute at all, as Entra sends it.
     */
    public ObjectNode group(Map<String, Object> values, Collection<String> memberIds) {
        ObjectNode group = json.createObjectNode();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        values.forEach((path, value) -> put(group, ScimPath.parse(path), value));
        if (!memberIds.isEmpty()) {
            ArrayNode members = group.putArray("members");
            memberIds.forEach(id -> members.addObject().put("value", id));
        }
        group.putObject("meta").put("resourceType", "Group");
        return group;
    }

    /** Sets one path of a resource, creating the extension object, complex attribute or multi-valued element. */
    void put(ObjectNode resource, ScimPath path, Object value) {
        ObjectNode container = path.isExtension() ? objectField(resource, path.schema()) : resource;
        JsonNode jsonValue = json.valueToTree(ScimValues.toJson(path, value));
        if (path.isFiltered()) {
            ObjectNode element = element(arrayField(container, path.attribute()), path);
            element.set(path.subAttribute() == null ? "value" : path.subAttribute(), jsonValue);
        } else if (path.subAttribute() != null) {
            objectField(container, path.attribute()).set(path.subAttribute(), jsonValue);
        } else {
            container.set(path.attribute(), jsonValue);
        }
    }

    /** The element of a multi-valued attribute that a filtered path designates, as a new element to add. */
    ObjectNode newElement(ScimPath path, Object value) {
        ObjectNode element = json.createObjectNode();
        element.set(path.filterName(), json.valueToTree(path.filterJsonValue()));
        if ("emails".equalsIgnoreCase(path.attribute()) && "type".equalsIgnoreCase(path.filterName())) {
            element.put("primary", true);
        }
        element.set(path.subAttribute() == null ? "value" : path.subAttribute(),
                json.valueToTree(ScimValues.toJson(path, value)));
        return element;
    }

    private ObjectNode element(ArrayNode array, ScimPath path) {
        for (JsonNode existing : array) {
            if (existing.isObject() && ScimResourceReader.matchesFilter(existing, path)) {
                return (ObjectNode) existing;
            }
        }
        ObjectNode element = array.addObject();
        element.set(path.filterName(), json.valueToTree(path.filterJsonValue()));
        if ("emails".equalsIgnoreCase(path.attribute()) && "type".equalsIgnoreCase(path.filterName())) {
            element.put("primary", true);
        }
        return element;
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private static ArrayNode arrayField(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ArrayNode array ? array : parent.putArray(name);
    }
}
