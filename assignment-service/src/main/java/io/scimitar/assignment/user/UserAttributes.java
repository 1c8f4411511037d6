package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeKind;

import java.util.List;
import java.util.regex.Pattern;

import static io.scimitar.assignment.attribute.Attribute.text;

/**
 * Every writable attribute of a user, declared once: its JSON and event name, its column, its kind and its limits.
 * {@link UserValidator} checks a request from this list; {@code UserAttributesTest} fails, naming each place, until
 * the REST records, the service record, the event snapshot and its schema, the SQL column list and a migration all
 * carry a new entry.
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
    public static final List<Attribute<UserRequest>> ALL = List.of(
            text("userPrincipalName", "user_principal_name", UserRequest::userPrincipalName,
                    MAX_USER_PRINCIPAL_NAME).asRequired().matching(USER_PRINCIPAL_NAME,
                    "must be an alias, '@' and a domain, e.g. ada@contoso.com, without spaces"),
            text("mail", "mail", UserRequest::mail, MAX_TEXT)
                    .matching(EMAIL, "must be an email address, e.g. ada@contoso.com"),
            text("mailNickname", "mail_nickname", UserRequest::mailNickname, BY_PATTERN)
                    .matching(MAIL_NICKNAME, "must be 1 to 64 characters without spaces or '@'"),
            text("givenName", "given_name", UserRequest::givenName, MAX_TEXT),
            text("surname", "surname", UserRequest::surname, MAX_TEXT),
            text("displayName", "display_name", UserRequest::displayName, MAX_TEXT).asRequired(),
            text("jobTitle", "job_title", UserRequest::jobTitle, MAX_TEXT),
            text("department", "department", UserRequest::department, MAX_TEXT),
            text("companyName", "company_name", UserRequest::companyName, MAX_TEXT),
            text("employeeId", "employee_id", UserRequest::employeeId, MAX_TEXT),
            text("employeeType", "employee_type", UserRequest::employeeType, MAX_TEXT),
            text("officeLocation", "office_location", UserRequest::officeLocation, MAX_TEXT),
            text("city", "city", UserRequest::city, MAX_TEXT),
            text("country", "country", UserRequest::country, MAX_TEXT),
            text("usageLocation", "usage_location", UserRequest::usageLocation, BY_PATTERN)
                    .matching(COUNTRY_CODE, "must be a two-letter ISO 3166 country code, e.g. GB"),
            text("mobilePhone", "mobile_phone", UserRequest::mobilePhone, MAX_TEXT),
            Attribute.<UserRequest>of(AttributeKind.TEXT_LIST, "businessPhones", "business_phones",
                    UserRequest::businessPhones).items(MAX_BUSINESS_PHONES, MAX_PHONE),
            text("preferredLanguage", "preferred_language", UserRequest::preferredLanguage, MAX_PREFERRED_LANGUAGE)
                    .matching(LANGUAGE, "must be an ISO 639-1 language tag, e.g. en-US"),
            Attribute.of(AttributeKind.BOOLEAN, "accountEnabled", "account_enabled", UserRequest::accountEnabled),
            Attribute.of(AttributeKind.GUID, "managerId", "manager_id", UserRequest::managerId),
            Attribute.of(AttributeKind.EXTENSIONS, "extensionAttributes", "extension_attributes",
                    UserRequest::extensionAttributes));

    private UserAttributes() {
    }

    /** The attribute of this name. */
    static Attribute<UserRequest> named(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
