package io.scimitar.assignment.group;

import io.scimitar.assignment.attribute.AttributeChecks;
import io.scimitar.assignment.web.FieldChecks;

/** The format rules of group attributes: each attribute's limits from {@link GroupAttributes}. */
public final class GroupValidator {

    private GroupValidator() {
    }

    public static FieldChecks check(GroupRequest r) {
        return AttributeChecks.check(new FieldChecks().uuid("id", r.id()), GroupAttributes.ALL, r.attributes());
    }
}
