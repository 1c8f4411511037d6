package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/** Writes SCIM PatchOp bodies in the dialect of the job's target. */
public final class ScimPatchWriter {

    private final ObjectMapper json;
    private final ScimResourceWriter resources;

    public ScimPatchWriter(ObjectMapper json) {
        this.json = json;
        this.resources = new ScimResourceWriter(json);
    }

    /**
     * The PATCH that brings a resource's attributes to their new values. A value for a multi-valued element the target
     * does not have yet (a first work email) is added as an element, not replaced through a filtered path; a change to
     * no value is a {@code remove} with the attribute's path (RFC 7644 §3.5.2.2), a filtered path's element as a
     * whole when the path names its {@code value}. In {@link PatchDialect#RFC7644} the path-less replace carries the
     * attributes as the resource does: sub-attributes nested in their complex attribute, extension attributes nested
     * under their schema URN (§3.5.2.3).
     */
    public ObjectNode attributes(PatchDialect dialect, List<AttributeChange> changes) {
        ObjectNode patch = patchOp();
        ArrayNode operations = patch.putArray("Operations");
        ObjectNode pathless = null;
        for (AttributeChange change : changes) {
            ScimPath path = ScimPath.parse(change.path());
            if (change.removes()) {
                operations.addObject().put("op", dialect.op("remove")).put("path", removalPath(path));
            } else if (path.isFiltered() && change.oldValue() == null) {
                ObjectNode add = operations.addObject().put("op", dialect.op("add"));
                add.put("path", (path.isExtension() ? path.schema() + ":" : "") + path.attribute());
                add.putArray("value").add(resources.newElement(path, change.newValue()));
            } else if (dialect == PatchDialect.ENTRA_DEFAULT) {
                operations.addObject()
                        .put("op", dialect.op(change.oldValue() == null ? "add" : "replace"))
                        .put("path", path.patchPath())
                        .set("value", json.valueToTree(ScimValues.toEntraText(ScimValues.toJson(path, change.newValue()))));
            } else if (path.isFiltered() || change.oldValue() == null) {
                operations.addObject()
                        .put("op", dialect.op(change.oldValue() == null ? "add" : "replace"))
                        .put("path", path.patchPath())
                        .set("value", json.valueToTree(ScimValues.toJson(path, change.newValue())));
            } else {
                if (pathless == null) {
                    pathless = operations.addObject().put("op", "replace").putObject("value");
                }
                JsonNode value = json.valueToTree(ScimValues.toJson(path, change.newValue()));
                if (dialect == PatchDialect.RFC7644) {
                    ObjectNode container = path.isExtension() ? objectField(pathless, path.schema()) : pathless;
                    if (path.subAttribute() != null) {
                        objectField(container, path.attribute()).set(path.subAttribute(), value);
                    } else {
                        container.set(path.attribute(), value);
                    }
                } else {
                    pathless.set(path.patchPath(), value);
                }
            }
        }
        return patch;
    }

    /**
     * The path a removal names: the attribute or sub-attribute as written, and for a filtered path to an element's
     * {@code value} the element itself ({@code phoneNumbers[type eq "mobile"]}), which means nothing without it.
     */
    static String removalPath(ScimPath path) {
        if (!path.isFiltered() || (path.subAttribute() != null && !"value".equalsIgnoreCase(path.subAttribute()))) {
            return path.patchPath();
        }
        Object filterValue = path.filterJsonValue();
        String literal = filterValue instanceof Boolean ? filterValue.toString()
                : "\"" + ScimFilter.escape(String.valueOf(filterValue)) + "\"";
        return (path.isExtension() ? path.schema() + ":" : "") + path.attribute() + "[" + path.filterName() + " eq "
                + literal + "]";
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode object ? object : parent.putObject(name);
    }

    /** Adds members (target ids) to a group. */
    public ObjectNode addMembers(PatchDialect dialect, Collection<String> memberIds) {
        ObjectNode patch = patchOp();
        ObjectNode add = patch.putArray("Operations").addObject().put("op", dialect.op("add")).put("path", "members");
        ArrayNode value = add.putArray("value");
        memberIds.forEach(id -> value.addObject().put("value", id));
        return patch;
    }

    /** Removes members (target ids) from a group. */
    public ObjectNode removeMembers(PatchDialect dialect, Collection<String> memberIds) {
        ObjectNode patch = patchOp();
        ArrayNode operations = patch.putArray("Operations");
        if (dialect != PatchDialect.ENTRA_DEFAULT) {
            memberIds.forEach(id -> operations.addObject().put("op", "remove")
                    .put("path", "members[value eq \"" + ScimFilter.escape(id) + "\"]"));
        } else {
            ArrayNode value = operations.addObject().put("op", "Remove").put("path", "members").putArray("value");
            memberIds.forEach(id -> value.addObject().put("value", id));
        }
        return patch;
    }

    private ObjectNode patchOp() {
        ObjectNode patch = json.createObjectNode();
        patch.putArray("schemas").add(ScimSchemas.PATCH_OP);
        return patch;
    }
}
