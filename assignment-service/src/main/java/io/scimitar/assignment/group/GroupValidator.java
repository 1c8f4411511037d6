package io.scimitar.assignment.group;

import io.scimitar.assignment.web.FieldChecks;

import java.util.regex.Pattern;

/** The format rules of group attributes. */
public final class GroupValidator {

    private static final Pattern MAIL_NICKNAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]{1,64}$");

    private GroupValidator() {
    }

    public static FieldChecks check(GroupRequest r) {
        return new FieldChecks()
                .uuid("id", r.id())
                .required("displayName", r.displayName())
                .maxLength("displayName", r.displayName(), 256)
                .matches("mailNickname", r.mailNickname(), MAIL_NICKNAME,
                        "must be 1 to 64 characters without spaces or '@'")
                .maxLength("description", r.description(), 1024);
    }
}
