package io.scimitar.assignment.application;

import io.scimitar.assignment.web.FieldChecks;

import java.util.regex.Pattern;

/** The format rules of applications and app roles. */
public final class AppRoleValidator {

    /** App roles in one create request; more can be added one at a time. */
    public static final int MAX_ROLES_PER_REQUEST = 100;
    private static final Pattern ROLE_VALUE = Pattern.compile("^[!-~]{1,120}$");

    private AppRoleValidator() {
    }

    public static FieldChecks check(FieldChecks checks, String prefix, AppRoleRequest r) {
        return checks
                .uuid(prefix + "id", r.id())
                .required(prefix + "displayName", r.displayName())
                .maxLength(prefix + "displayName", r.displayName(), 256)
                .matches(prefix + "value", r.value(), ROLE_VALUE,
                        "must be 1 to 120 printable characters without spaces")
                .maxLength(prefix + "description", r.description(), 1024);
    }

    public static FieldChecks check(ApplicationRequest r) {
        FieldChecks checks = new FieldChecks()
                .uuid("id", r.id())
                .required("displayName", r.displayName())
                .maxLength("displayName", r.displayName(), 256);
        if (r.appRoles() != null && r.appRoles().size() > MAX_ROLES_PER_REQUEST) {
            checks.fail("appRoles", "at most " + MAX_ROLES_PER_REQUEST + " app roles in one request");
        } else if (r.appRoles() != null) {
            for (int i = 0; i < r.appRoles().size(); i++) {
                AppRoleRequest role = r.appRoles().get(i);
                if (role == null) {
                    checks.fail("appRoles[" + i + "]", "must be an app role");
                } else {
                    check(checks, "appRoles[" + i + "].", role);
                    if (AppRole.DEFAULT_ACCESS_VALUE.equals(role.value())) {
                        checks.fail("appRoles[" + i + "].value", "'User' is the value of Default Access");
                    }
                }
            }
        }
        return checks;
    }
}
