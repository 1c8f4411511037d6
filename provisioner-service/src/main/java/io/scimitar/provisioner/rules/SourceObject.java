package io.scimitar.provisioner.rules;

import java.util.List;
import java.util.Map;

/** The source user or group an expression or scoping filter reads from; attribute names are case-insensitive. */
public interface SourceObject {

    /**
     * Returns the attribute value: null, String, Boolean, Number, Instant/OffsetDateTime (or an ISO string) for dates,
     * or a {@code List<Object>} for multi-valued attributes. Lookups must ignore case, as Entra does.
     */
    Object attribute(String name);

    /** The object's app role assignments for this application, in a stable order. */
    List<AppRoleAssignment> appRoleAssignments();

    /** A source object backed by a map of attribute values. */
    static SourceObject of(Map<String, ?> attributes) {
        return new MapSourceObject(attributes, List.of());
    }

    /** A source object backed by a map of attribute values and a list of app role assignments. */
    static SourceObject of(Map<String, ?> attributes, List<AppRoleAssignment> appRoleAssignments) {
        return new MapSourceObject(attributes, appRoleAssignments);
    }
}
