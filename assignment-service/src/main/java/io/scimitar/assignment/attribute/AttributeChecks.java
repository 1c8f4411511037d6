package io.scimitar.assignment.attribute;

import io.scimitar.assignment.web.FieldChecks;

/** Checks the texts and GUIDs of a request against the limits its attribute list declares, in the list's order. */
public final class AttributeChecks {

    private AttributeChecks() {
    }

    /** Adds an error to {@code checks} for each text or GUID attribute of {@code values} outside its limits. */
    public static FieldChecks check(FieldChecks checks, AttributeList attributes, AttributeValues values) {
        for (Attribute attribute : attributes.all()) {
            if (attribute.kind() == AttributeKind.TEXT) {
                text(checks, attribute, values.text(attribute.name()));
            } else if (attribute.kind() == AttributeKind.GUID) {
                checks.uuid(attribute.name(), values.text(attribute.name()));
            }
        }
        return checks;
    }

    private static void text(FieldChecks checks, Attribute attribute, String value) {
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
