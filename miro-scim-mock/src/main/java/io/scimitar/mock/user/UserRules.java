package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.schema.ScimSchemas;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Miro's own rules for users, on top of the SCIM schema: e-mail userName, allowed domains, licences, roles, locks. */
@Singleton
public class UserRules {

    static final List<String> LICENCES = List.of("Full", "Free", "Free Restricted", "Full (Trial)", "Basic", "Standard", "Advanced");
    static final List<String> PRIMARY_ROLES = List.of("ORGANIZATION_INTERNAL_ADMIN", "ORGANIZATION_INTERNAL_USER");
    static final String PRIMARY_ROLE_TYPE = "organization_user_role";
    private static final int MAX_NAME_LENGTH = 60;
    /** RFC 5321 §4.5.3.1: a local part of at most 64 octets, a forward or reverse path of at most 256 (254 inside <>). */
    static final int MAX_EMAIL_LOCAL_PART = 64;
    static final int MAX_EMAIL_LENGTH = 254;

    private final MockSettings settings;
    private final MockConfig config;

    public UserRules(MockSettings settings, MockConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** Checks a new user and fills Miro's defaults (licence, organisation role). */
    public void checkNew(ObjectNode user) {
        String userName = checkUserName(user);
        checkDomain(userName);
        checkCommon(user);
        if (!user.has("userType")) {
            user.put("userType", config.defaultUserType());
        }
        if (!user.has("active")) {
            user.put("active", true);
        }
        if (primaryRole(user) == null) {
            ArrayNode roles = user.get("roles") instanceof ArrayNode existing ? existing : user.putArray("roles");
            roles.addObject().put("value", "ORGANIZATION_INTERNAL_USER").put("type", PRIMARY_ROLE_TYPE).put("primary", true);
        }
    }

    /** Checks a replaced or patched user against its previous state: locks of deactivated users, licence upgrades only. */
    public void checkUpdate(ObjectNode previous, ObjectNode next) {
        String userName = checkUserName(next);
        checkCommon(next);
        if (!next.has("active")) {
            next.set("active", previous.get("active"));
        }
        if (!next.has("userType") && previous.has("userType")) {
            next.set("userType", previous.get("userType"));
        }
        if (primaryRole(next) == null && primaryRole(previous) != null) {
            ArrayNode roles = next.get("roles") instanceof ArrayNode existing ? existing : next.putArray("roles");
            roles.insert(0, primaryRole(previous).deepCopy());
        }
        boolean staysDeactivated = !previous.path("active").asBoolean(true) && !next.path("active").asBoolean(true);
        if (staysDeactivated) {
            if (!userName.equalsIgnoreCase(previous.get("userName").asText())) {
                throw locked("userName");
            }
            if (!Objects.equals(previous.get("userType"), next.get("userType"))) {
                throw locked("userType");
            }
            if (!Objects.equals(previous.get("roles"), next.get("roles"))) {
                throw locked("roles");
            }
            // Miro silently ignores e-mail changes of deactivated users.
            if (previous.has("emails")) {
                next.set("emails", previous.get("emails"));
            } else {
                next.remove("emails");
            }
        }
        String oldType = previous.path("userType").asText(null);
        String newType = next.path("userType").asText(null);
        if (oldType != null && newType != null && !oldType.equals(newType) && !newType.equals("Full")) {
            throw ScimException.invalidValue("userType can only be upgraded to Full; '" + oldType + "' -> '" + newType
                    + "' is not supported");
        }
        if (!userName.equalsIgnoreCase(previous.get("userName").asText())) {
            checkDomain(userName);
        }
    }

    private void checkCommon(ObjectNode user) {
        checkEmails(user);
        checkNameLength(user);
        checkLicence(user);
        checkRoles(user);
        dropNonNumericManager(user);
    }

    private static String checkUserName(ObjectNode user) {
        JsonNode userName = user.get("userName");
        if (userName == null || userName.asText().isBlank()) {
            throw ScimException.invalidValue("Attribute 'userName' is required");
        }
        String value = userName.asText().trim();
        if (!isEmail(value)) {
            throw ScimException.invalidValue("User name '" + value + "' is invalid: 'not an email'");
        }
        checkEmailLength("userName", value);
        user.put("userName", value);
        return value;
    }

    private static void checkEmails(ObjectNode user) {
        JsonNode emails = user.get("emails");
        if (emails == null) {
            return;
        }
        for (JsonNode email : emails) {
            JsonNode value = email.get("value");
            if (value != null) {
                checkEmailLength("emails.value", value.asText());
            }
        }
    }

    /** RFC 5321 limits; the characters themselves have passed the schema's text rules. */
    private static void checkEmailLength(String attribute, String value) {
        int at = value.lastIndexOf('@');
        if (value.length() > MAX_EMAIL_LENGTH) {
            throw ScimException.invalidValue("Attribute '" + attribute + "' must be an e-mail address of at most "
                    + MAX_EMAIL_LENGTH + " characters");
        }
        if (at > MAX_EMAIL_LOCAL_PART) {
            throw ScimException.invalidValue("Attribute '" + attribute + "' must have a local part (before '@') of at most "
                    + MAX_EMAIL_LOCAL_PART + " characters");
        }
    }

    /**
     * Miro's e-mail shape, {@code ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$} without a regex (it runs on every create): one
     * {@code @} after at least one character, no whitespace, and a dot in the domain with a character on each side.
     */
    static boolean isEmail(String value) {
        int at = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at < 1) {
            return false;
        }
        int dot = value.indexOf('.', at + 2);
        return dot >= 0 && dot < value.length() - 1;
    }

    private void checkDomain(String userName) {
        if (settings.allowedDomains().isEmpty()) {
            return;
        }
        String domain = userName.substring(userName.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!settings.allowedDomains().contains(domain)) {
            throw ScimException.conflict(null, userName + " is not whitelisted");
        }
    }

    private static void checkNameLength(ObjectNode user) {
        JsonNode name = user.get("name");
        if (name == null) {
            return;
        }
        int length = name.path("givenName").asText("").length() + name.path("familyName").asText("").length();
        if (length > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("givenName and familyName together must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.path("formatted").asText("").length() > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("name.formatted must be at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkLicence(ObjectNode user) {
        JsonNode userType = user.get("userType");
        if (userType == null) {
            return;
        }
        for (String licence : LICENCES) {
            if (licence.equalsIgnoreCase(userType.asText().trim())) {
                user.put("userType", licence);
                return;
            }
        }
        throw ScimException.invalidValue("userType '" + userType.asText() + "' is not a Miro licence; expected one of " + LICENCES);
    }

    private static void checkRoles(ObjectNode user) {
        JsonNode roles = user.get("roles");
        if (roles == null) {
            return;
        }
        int primaries = 0;
        for (JsonNode role : roles) {
            boolean primary = role.path("primary").asBoolean(false) || PRIMARY_ROLE_TYPE.equals(role.path("type").asText());
            if (!primary) {
                continue;
            }
            primaries++;
            String value = role.path("value").asText("");
            if (!PRIMARY_ROLES.contains(value)) {
                throw ScimException.invalidValue("Role '" + value + "' is not allowed as organisation role; expected one of "
                        + PRIMARY_ROLES + " (guest and external roles are rejected)");
            }
            if (role instanceof ObjectNode object) {
                object.put("primary", true);
                object.put("type", PRIMARY_ROLE_TYPE);
            }
        }
        if (primaries > 1) {
            throw ScimException.invalidValue("Only one primary (organisation) role is allowed");
        }
    }

    private static JsonNode primaryRole(ObjectNode user) {
        JsonNode roles = user.get("roles");
        if (roles == null) {
            return null;
        }
        for (JsonNode role : roles) {
            if (role.path("primary").asBoolean(false)) {
                return role;
            }
        }
        return null;
    }

    private static void dropNonNumericManager(ObjectNode user) {
        JsonNode enterprise = user.get(ScimSchemas.ENTERPRISE_USER);
        if (enterprise instanceof ObjectNode extension && extension.get("manager") != null) {
            String value = extension.get("manager").path("value").asText("");
            if (!value.matches("\\d+")) {
                extension.remove("manager");
                if (extension.isEmpty()) {
                    user.remove(ScimSchemas.ENTERPRISE_USER);
                }
            }
        }
    }

    private static ScimException locked(String attribute) {
        return ScimException.badRequest("mutability", "Attribute '" + attribute + "' cannot change while the user is deactivated");
    }
}
