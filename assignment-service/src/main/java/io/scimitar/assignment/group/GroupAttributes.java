package io.scimitar.assignment.group;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeKind;
import io.scimitar.assignment.attribute.AttributeList;

import java.util.regex.Pattern;

import static io.scimitar.assignment.attribute.Attribute.text;

/**
 * Every writable attribute of a group, declared once: its JSON and event name, its column, its kind and its limits.
 * The REST body, validation, SQL, row mapping and event snapshot are driven by it, as {@code UserAttributes} for users.
 */
public final class GroupAttributes {

    static final Pattern MAIL_NICKNAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]{1,64}$");
    public static final int MAX_DISPLAY_NAME = 256;
    public static final int MAX_DESCRIPTION = 1024;

    /** The attributes in the order of the REST body, the event snapshot and the table. */
    public static final AttributeList ALL = AttributeList.of(
            text("displayName", "display_name", MAX_DISPLAY_NAME).asRequired(),
            text("mailNickname", "mail_nickname", 0)
                    .matching(MAIL_NICKNAME, "must be 1 to 64 characters without spaces or '@'"),
            text("description", "description", MAX_DESCRIPTION),
            Attribute.of(AttributeKind.BOOLEAN, "securityEnabled", "security_enabled").absentMeans(true));

    private GroupAttributes() {
    }
}
