package io.scimitar.provisioner.scim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Compares the values the mappings computed with what the target holds. */
public final class AttributeDiff {

    private AttributeDiff() {
    }

    /**
     * The attributes whose desired value differs from the current one. Attributes the mappings no longer produce are
     * left alone: null values are never sent, as in Entra.
     */
    public static List<AttributeChange> changes(Map<String, Object> desired, Map<String, Object> current) {
        return changes(desired, List.of(), current);
    }

    /**
     * As {@link #changes(Map, Map)}, plus a removal for each of {@code cleared} (attributes whose mapped value became
     * empty) that the target still holds.
     */
    public static List<AttributeChange> changes(Map<String, Object> desired, Collection<String> cleared,
            Map<String, Object> current) {
        List<AttributeChange> changes = new ArrayList<>();
        desired.forEach((path, value) -> {
            Object old = current.get(path);
            if (!ScimValues.same(old, value)) {
                changes.add(new AttributeChange(path, old, value));
            }
        });
        for (String path : cleared) {
            Object old = current.get(path);
            if (old != null && !desired.containsKey(path)) {
                changes.add(new AttributeChange(path, old, null));
            }
        }
        return changes;
    }

    /** True when the change turns an active account inactive. */
    public static boolean deactivates(List<AttributeChange> changes) {
        return changes.stream().anyMatch(change -> "active".equalsIgnoreCase(change.path())
                && "false".equalsIgnoreCase(String.valueOf(change.newValue())));
    }
}
