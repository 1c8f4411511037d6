package io.scimitar.provisioner.rules;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link SourceObject} over an attribute map, looked up case-insensitively. */
public final class MapSourceObject implements SourceObject {

    private final Map<String, Object> attributes;
    private final List<AppRoleAssignment> appRoleAssignments;

    public MapSourceObject(Map<String, ?> attributes, List<AppRoleAssignment> appRoleAssignments) {
        TreeMap<String, Object> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach(copy::put);
        this.attributes = Collections.unmodifiableMap(copy);
        this.appRoleAssignments = List.copyOf(appRoleAssignments);
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public List<AppRoleAssignment> appRoleAssignments() {
        return appRoleAssignments;
    }
}
