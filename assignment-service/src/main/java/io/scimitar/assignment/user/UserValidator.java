package io.scimitar.assignment.user;

import io.scimitar.assignment.database.JsonColumns;
import io.scimitar.assignment.web.FieldChecks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The format rules of user attributes, modelled on Entra ID's. */
public final class UserValidator {

    /** Local part of Entra's allowed characters, an '@', and a DNS domain with at least one dot. */
    static final Pattern USER_PRINCIPAL_NAME = Pattern.compile(
            "^[A-Za-z0-9'_!#^~+-]+(\\.[A-Za-z0-9'_!#^~+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z]{2,63}$");
    static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");
    static final Pattern MAIL_NICKNAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]{1,64}$");
    static final Pattern COUNTRY_CODE = Pattern.compile("^[A-Z]{2}$");
    static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$");
    static final Pattern EXTENSION_NAME = Pattern.compile("^extension_[A-Za-z0-9]+_[A-Za-z0-9_]{1,100}$");
    /** The longest text attribute (displayName, givenName, jobTitle, ...): Entra's longest, displayName's 256. */
    public static final int MAX_TEXT = 256;
    public static final int MAX_USER_PRINCIPAL_NAME = 113;
    public static final int MAX_PREFERRED_LANGUAGE = 35;
    public static final int MAX_BUSINESS_PHONES = 10;
    public static final int MAX_PHONE = 64;
    /** Entra ID registers at most 100 extension properties per application. */
    public static final int MAX_EXTENSION_ATTRIBUTES = 100;
    public static final int MAX_EXTENSION_TEXT = 1024;
    public static final int MAX_EXTENSION_LIST = 100;
    /** A user's writable attributes as UTF-8 JSON: keeps every event far below Kafka's 1 MB record. */
    public static final int MAX_USER_BYTES = 65_536;
    private static final int TEXT = MAX_TEXT;

    private UserValidator() {
    }

    public static FieldChecks check(UserRequest r) {
        FieldChecks checks = new FieldChecks()
                .uuid("id", r.id())
                .required("userPrincipalName", r.userPrincipalName())
                .maxLength("userPrincipalName", r.userPrincipalName(), MAX_USER_PRINCIPAL_NAME)
                .matches("userPrincipalName", r.userPrincipalName(), USER_PRINCIPAL_NAME,
                        "must be an alias, '@' and a domain, e.g. ada@contoso.com, without spaces")
                .required("displayName", r.displayName())
                .maxLength("displayName", r.displayName(), TEXT)
                .maxLength("mail", r.mail(), TEXT)
                .matches("mail", r.mail(), EMAIL, "must be an email address, e.g. ada@contoso.com")
                .matches("mailNickname", r.mailNickname(), MAIL_NICKNAME,
                        "must be 1 to 64 characters without spaces or '@'")
                .matches("usageLocation", r.usageLocation(), COUNTRY_CODE,
                        "must be a two-letter ISO 3166 country code, e.g. GB")
                .maxLength("preferredLanguage", r.preferredLanguage(), MAX_PREFERRED_LANGUAGE)
                .matches("preferredLanguage", r.preferredLanguage(), LANGUAGE,
                        "must be an ISO 639-1 language tag, e.g. en-US")
                .uuid("managerId", r.managerId());
        for (String[] field : new String[][] {{"givenName", r.givenName()}, {"surname", r.surname()},
                {"jobTitle", r.jobTitle()}, {"department", r.department()}, {"companyName", r.companyName()},
                {"employeeId", r.employeeId()}, {"employeeType", r.employeeType()},
                {"officeLocation", r.officeLocation()}, {"city", r.city()}, {"country", r.country()},
                {"mobilePhone", r.mobilePhone()}}) {
            checks.maxLength(field[0], field[1], TEXT);
        }
        if (r.id() != null && r.id().equals(r.managerId())) {
            checks.fail("managerId", "a user cannot be their own manager");
        }
        checkPhones(checks, r.businessPhones());
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

    private static void checkPhones(FieldChecks checks, List<String> phones) {
        if (phones == null) {
            return;
        }
        if (phones.size() > MAX_BUSINESS_PHONES) {
            checks.fail("businessPhones", "at most " + MAX_BUSINESS_PHONES + " numbers");
            return;
        }
        for (String phone : phones) {
            if (phone == null || phone.isBlank() || phone.length() > MAX_PHONE) {
                checks.fail("businessPhones", "each number must be 1 to " + MAX_PHONE + " characters");
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
