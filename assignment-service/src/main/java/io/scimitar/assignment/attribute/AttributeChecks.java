package io.scimitar.assignment.attribute;

import io.scimitar.assignment.web.FieldChecks;

import java.util.List;

/** Checks the texts and GUIDs of a request against the limits its attribute list declares, in the list's order. */
public final class AttributeChecks {

    private AttributeChecks() {
    }

    /** Adds an error to {@code checks} for each text or GUID attribute of {@code request} outside its limits. */
    public static <R> FieldChecks check(FieldChecks checks, List<Attribute<R>> attributes, R request) {
        for (Attribute<R> attribute : attributes) {
            if (attribute.kind() == AttributeKind.TEXT) {
                text(checks, attribute, (String) attribute.read().apply(request));
            } else if (attribute.kind() == AttributeKind.GUID) {
                checks.uuid(attribute.name(), (String) attribute.read().apply(request));
            }
        }
        return checks;
    }

    private static void text(FieldChecks checks, Attribute<?> attribute, String value) {
        if (attribute.required()) {
            checks.required(attribute.name(), value);
        }
        if (attribute.maxLength() > 0) {
            checks.maxLength(attribute.name(), value, attribute.maxLength());
        }
        if (attribute.pattern() != null) {
            checks.matches(attribute.name(), value, attribute.pattern(), attribute.patternReason());
        }
    }
}
