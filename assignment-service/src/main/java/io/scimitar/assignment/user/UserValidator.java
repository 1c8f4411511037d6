package io.scimitar.assignment.user;

import io.scimitar.assignment.web.FieldChecks;

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
    private static final int TEXT = 256;

    private UserValidator() {
    }

    public static FieldChecks check(UserRequest r) {
        FieldChecks checks = new FieldChecks()
                .uuid("id", r.id())
                .required("userPrincipalName", r.userPrincipalName())
                .maxLength("userPrincipalName", r.userPrincipalName(), 113)
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
        checkExtensions(checks, r.extensionAttributes());
        return checks;
    }

    private static void checkPhones(FieldChecks checks, List<String> phones) {
        if (phones == null) {
            return;
        }
        if (phones.size() > 10) {
            checks.fail("businessPhones", "at most 10 numbers");
        }
        for (String phone : phones) {
            if (phone == null || phone.isBlank() || phone.length() > 64) {
                checks.fail("businessPhones", "each number must be 1 to 64 characters");
            }
        }
    }

    private static void checkExtensions(FieldChecks checks, Map<String, Object> extensions) {
        if (extensions == null) {
            return;
        }
        for (Map.Entry<String, Object> entry : extensions.entrySet()) {
            String field = "extensionAttributes." + entry.getKey();
            if (!EXTENSION_NAME.matcher(entry.getKey()).matches()) {
                checks.fail(field, "must be named extension_<appId>_<name>");
            }
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                if (list.stream().anyMatch(item -> !isScalar(item))) {
                    checks.fail(field, "a list may hold strings, numbers and booleans only");
                }
            } else if (!isScalar(value)) {
                checks.fail(field, "must be a string, number, boolean or a list of them");
            }
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
