package io.scimitar.mock.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Applies an RFC 7396 JSON merge patch to a resource document, in place: an object merges member by member (names
 * matched ignoring case, as SCIM attribute names are), null removes the member, anything else (arrays included)
 * replaces it. How the admin API edits a user as an administrator does in Miro's own UI.
 */
public final class MergePatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MergePatch() {
    }

    public static void apply(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = existingName(target, field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject()) {
                ObjectNode merged = target.get(name) instanceof ObjectNode existing ? existing.deepCopy() : NODES.objectNode();
                apply(merged, (ObjectNode) value);
                target.set(name, merged);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /** The member's name as {@code target} spells it, or {@code name} when it has no such member. */
    private static String existingName(ObjectNode target, String name) {
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String existing = names.next();
            if (existing.equalsIgnoreCase(name)) {
                return existing;
            }
        }
        return name;
    }
}
