package io.scimitar.provisioner.scim;

import java.util.Locale;
import java.util.Objects;

/** Conversions between mapped values and the JSON a SCIM endpoint expects. */
final class ScimValues {

    private ScimValues() {
    }

    /** Mapped "True"/"False" strings become JSON booleans for boolean SCIM attributes. */
    static Object toJson(ScimPath path, Object value) {
        if (value instanceof String text && isBooleanAttribute(path) && isBooleanText(text)) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        return value;
    }

    /** As Entra's default client writes booleans in PATCH values: "True" / "False". */
    static Object toEntraText(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        return value;
    }

    static boolean isBooleanAttribute(ScimPath path) {
        String name = path.subAttribute() != null ? path.subAttribute() : path.attribute();
        return "active".equalsIgnoreCase(name) || "primary".equalsIgnoreCase(name);
    }

    static boolean isBooleanText(String text) {
        return "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text);
    }

    /** True when two values mean the same to the target: "True" equals true, 5 equals "5". */
    static boolean same(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof Boolean || right instanceof Boolean
                || (left instanceof String l && isBooleanText(l) && right instanceof String r && isBooleanText(r))) {
            return String.valueOf(left).equalsIgnoreCase(String.valueOf(right));
        }
        if (left instanceof Number || right instanceof Number) {
            return String.valueOf(left).equals(String.valueOf(right));
        }
        return Objects.equals(left, right);
    }
}
