package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeChecks;
import io.scimitar.assignment.database.JsonColumns;
import io.scimitar.assignment.web.FieldChecks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The format rules of user attributes, modelled on Entra ID's: each attribute's limits from {@link UserAttributes}. */
public final class UserValidator {

    static final Pattern EXTENSION_NAME = Pattern.compile("^extension_[A-Za-z0-9]+_[A-Za-z0-9_]{1,100}$");
    public static final int MAX_TEXT = UserAttributes.MAX_TEXT;
    public static final int MAX_USER_PRINCIPAL_NAME = UserAttributes.MAX_USER_PRINCIPAL_NAME;
    public static final int MAX_PREFERRED_LANGUAGE = UserAttributes.MAX_PREFERRED_LANGUAGE;
    public static final int MAX_BUSINESS_PHONES = UserAttributes.MAX_BUSINESS_PHONES;
    public static final int MAX_PHONE = UserAttributes.MAX_PHONE;
    /** Entra ID registers at most 100 extension properties per application. */
    public static final int MAX_EXTENSION_ATTRIBUTES = 100;
    public static final int MAX_EXTENSION_TEXT = 1024;
    public static final int MAX_EXTENSION_LIST = 100;
    /** A user's writable attributes as UTF-8 JSON: keeps every event far below Kafka's 1 MB record. */
    public static final int MAX_USER_BYTES = 65_536;

    private UserValidator() {
    }

    public static FieldChecks check(UserRequest r) {
        FieldChecks checks = AttributeChecks.check(new FieldChecks().uuid("id", r.id()), UserAttributes.ALL,
                r.attributes());
        if (r.id() != null && r.id().equals(r.managerId())) {
            checks.fail("managerId", "a user cannot be their own manager");
        }
        checkPhones(checks, UserAttributes.named("businessPhones"), r.businessPhones());
        if (checkExtensions(checks, r.extensionAttributes()) && checks.ok()) {
            checkSize(checks, r);
        }
        return checks;
    }

    private static void checkSize(FieldChecks checks, UserRequest r) {
        int bytes = JsonColumns.write(r).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_USER_BYTES) {
            // every other attribute is bounded well below the limit: only extension attributes can reach it
            checks.fail("extensionAttributes", "make the user " + bytes + " bytes of JSON; a user may have at most "
                    + MAX_USER_BYTES);
        }
    }

    private static void checkPhones(FieldChecks checks, Attribute attribute, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.size() > attribute.maxItems()) {
            checks.fail(attribute.name(), "at most " + attribute.maxItems() + " numbers");
            return;
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() > attribute.maxLength()) {
                checks.fail(attribute.name(), "each number must be 1 to " + attribute.maxLength() + " characters");
                return;
            }
        }
    }

    /** Checks the extension attributes; false when there are too many to look at one by one. */
    private static boolean checkExtensions(FieldChecks checks, Map<String, Object> extensions) {
        if (extensions == null) {
            return true;
        }
        if (extensions.size() > MAX_EXTENSION_ATTRIBUTES) {
            checks.fail("extensionAttributes", "at most " + MAX_EXTENSION_ATTRIBUTES + " extension attributes; "
                    + extensions.size() + " were given");
            return false;
        }
        for (Map.Entry<String, Object> entry : extensions.entrySet()) {
            String field = "extensionAttributes." + entry.getKey();
            if (!EXTENSION_NAME.matcher(entry.getKey()).matches()) {
                checks.fail(field, "must be named extension_<appId>_<name>");
            }
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                if (list.size() > MAX_EXTENSION_LIST) {
                    checks.fail(field, "a list may hold at most " + MAX_EXTENSION_LIST + " values");
                } else if (list.stream().anyMatch(item -> !isScalar(item))) {
                    checks.fail(field, "a list may hold strings, numbers and booleans only");
                } else if (list.stream().anyMatch(UserValidator::isLongText)) {
                    checks.fail(field, "each text in the list must be at most " + MAX_EXTENSION_TEXT + " characters");
                }
            } else if (!isScalar(value)) {
                checks.fail(field, "must be a string, number, boolean or a list of them");
            } else if (isLongText(value)) {
                checks.fail(field, "must be at most " + MAX_EXTENSION_TEXT + " characters");
            }
        }
        return true;
    }

    private static boolean isLongText(Object value) {
        return value instanceof String text && text.length() > MAX_EXTENSION_TEXT;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
