package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeKind;
import io.scimitar.assignment.attribute.AttributeList;

import java.util.regex.Pattern;

import static io.scimitar.assignment.attribute.Attribute.text;

/**
 * Every writable attribute of a user, declared once: its JSON and event name, its column, its kind and its limits.
 * The REST body and merge patch ({@link UserRequest}, {@link UserResponse}), the validation, the SQL of
 * {@link UserRepository} and {@link UserChangeStatement}, the row mapping and the event snapshot's JSON are driven
 * by this list at run time: a new entry needs only its column in a migration.
 */
public final class UserAttributes {

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

    /** The longest text attribute (displayName, givenName, jobTitle, ...): Entra's longest, displayName's 256. */
    public static final int MAX_TEXT = 256;
    public static final int MAX_USER_PRINCIPAL_NAME = 113;
    public static final int MAX_PREFERRED_LANGUAGE = 35;
    public static final int MAX_BUSINESS_PHONES = 10;
    public static final int MAX_PHONE = 64;
    /** No length limit of its own: its pattern bounds it. */
    private static final int BY_PATTERN = 0;

    /** The attributes in the order of the REST body, the event snapshot and the table. */
    public static final AttributeList ALL = AttributeList.of(
            text("userPrincipalName", "user_principal_name", MAX_USER_PRINCIPAL_NAME).asRequired().matching(USER_PRINCIPAL_NAME,
                    "must be an alias, '@' and a domain, e.g. ada@contoso.com, without spaces"),
            text("mail", "mail", MAX_TEXT)
                    .matching(EMAIL, "must be an email address, e.g. ada@contoso.com"),
            text("mailNickname", "mail_nickname", BY_PATTERN)
                    .matching(MAIL_NICKNAME, "must be 1 to 64 characters without spaces or '@'"),
            text("givenName", "given_name", MAX_TEXT),
            text("surname", "surname", MAX_TEXT),
            text("displayName", "display_name", MAX_TEXT).asRequired(),
            text("jobTitle", "job_title", MAX_TEXT),
            text("department", "department", MAX_TEXT),
            text("companyName", "company_name", MAX_TEXT),
            text("employeeId", "employee_id", MAX_TEXT),
            text("employeeType", "employee_type", MAX_TEXT),
            text("officeLocation", "office_location", MAX_TEXT),
            text("city", "city", MAX_TEXT),
            text("country", "country", MAX_TEXT),
            text("usageLocation", "usage_location", BY_PATTERN)
                    .matching(COUNTRY_CODE, "must be a two-letter ISO 3166 country code, e.g. GB"),
            text("mobilePhone", "mobile_phone", MAX_TEXT),
            Attribute.of(AttributeKind.TEXT_LIST, "businessPhones", "business_phones").items(MAX_BUSINESS_PHONES, MAX_PHONE),
            text("preferredLanguage", "preferred_language", MAX_PREFERRED_LANGUAGE)
                    .matching(LANGUAGE, "must be an ISO 639-1 language tag, e.g. en-US"),
            Attribute.of(AttributeKind.BOOLEAN, "accountEnabled", "account_enabled").absentMeans(true),
            Attribute.of(AttributeKind.GUID, "managerId", "manager_id"),
            Attribute.of(AttributeKind.EXTENSIONS, "extensionAttributes", "extension_attributes"));

    private UserAttributes() {
    }

    /** The attribute of this name. */
    static Attribute named(String name) {
        return ALL.named(name);
    }
}
