package io.scimitar.provisioner.entra;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entra's directory attribute names (as a synchronization schema writes them) and the Scimitar source attribute each
 * reads; documented in the README's "Entra directory attributes" table. Names are compared ignoring case, as Entra does.
 */
public final class SourceAttributeTable {

    /** Directory extension attributes keep their name: {@code extension_<appId without dashes>_<name>}. */
    static final Pattern EXTENSION = Pattern.compile("^extension_[A-Za-z0-9]+_[A-Za-z0-9_]{1,100}$");

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        for (String same : new String[] {"objectId", "userPrincipalName", "mail", "mailNickname", "givenName",
                "surname", "displayName", "jobTitle", "department", "companyName", "employeeId", "employeeType",
                "physicalDeliveryOfficeName", "officeLocation", "city", "country", "usageLocation", "mobile",
                "telephoneNumber", "businessPhones", "preferredLanguage", "accountEnabled", "manager", "IsSoftDeleted",
                "appRoleAssignments", "description", "securityEnabled", "members"}) {
            NAMES.put(same.toLowerCase(Locale.ROOT), same);
        }
        // Graph's spelling of the same attributes, as some exported schemas and Graph-built documents carry them.
        NAMES.put("id", "objectId");
        NAMES.put("mobilephone", "mobile");
        NAMES.put("surName".toLowerCase(Locale.ROOT), "surname");
        NAMES.put("employeeid", "employeeId");
    }

    private SourceAttributeTable() {
    }

    /** Scimitar's name for an Entra directory attribute, or empty when Scimitar's source has no such attribute. */
    public static Optional<String> scimitarName(String entraName) {
        if (entraName == null) {
            return Optional.empty();
        }
        if (EXTENSION.matcher(entraName).matches()) {
            return Optional.of(entraName);
        }
        return Optional.ofNullable(NAMES.get(entraName.toLowerCase(Locale.ROOT)));
    }
}
