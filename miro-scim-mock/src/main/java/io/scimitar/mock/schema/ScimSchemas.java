package io.scimitar.mock.schema;

import java.util.List;

import static io.scimitar.mock.schema.AttributeDefinition.bool;
import static io.scimitar.mock.schema.AttributeDefinition.complex;
import static io.scimitar.mock.schema.AttributeDefinition.string;

/** The schemas Miro declares: core User, core Group and the enterprise User extension. */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static AttributeDefinition multiValuedEntry(String name, String description) {
        return complex(name, true, description,
                string("value", "The value"),
                string("display", "A human-readable name"),
                string("type", "A label for the function"),
                bool("primary", "Whether this is the primary value"));
    }

    public static final SchemaDefinition USER_SCHEMA = SchemaDefinition.of(USER, "User", "User Account", List.of(
            string("userName", "Unique identifier for the User: an e-mail address in Miro")
                    .required(true).uniqueness("server"),
            complex("name", false, "The components of the user's real name",
                    string("formatted", "The full name"),
                    string("familyName", "The family name"),
                    string("givenName", "The given name"),
                    string("middleName", "The middle name"),
                    string("honorificPrefix", "The honorific prefix"),
                    string("honorificSuffix", "The honorific suffix")),
            string("displayName", "The name displayed in Miro, at most 60 characters").withMaxLength(60),
            string("nickName", "The casual name"),
            string("profileUrl", "A URI of the user's online profile").withType("reference"),
            string("title", "The user's title"),
            string("userType", "The Miro licence: Full, Free, Free Restricted, Full (Trial), Basic, Standard, Advanced"),
            string("preferredLanguage", "Preferred written or spoken language, e.g. en_US"),
            string("locale", "Default location for localisation"),
            string("timezone", "Time zone in the Olson format"),
            bool("active", "false deactivates the user in Miro (it is not deleted)"),
            string("password", "Not supported by Miro; accepted and never returned")
                    .mutability("writeOnly").returned("never"),
            multiValuedEntry("emails", "E-mail addresses"),
            multiValuedEntry("phoneNumbers", "Phone numbers"),
            multiValuedEntry("ims", "Instant messaging addresses"),
            multiValuedEntry("photos", "Profile picture URLs"),
            complex("addresses", true, "Physical mailing addresses",
                    string("formatted", "The full address"),
                    string("streetAddress", "The street"),
                    string("locality", "The city"),
                    string("region", "The state or region"),
                    string("postalCode", "The postal code"),
                    string("country", "The country"),
                    string("type", "work, home or other"),
                    bool("primary", "Whether this is the primary address")),
            complex("groups", true, "Teams the user belongs to",
                    string("value", "The team id").mutability("readOnly"),
                    string("$ref", "The team URI").withType("reference").mutability("readOnly"),
                    string("display", "The team name").mutability("readOnly"),
                    string("type", "direct").mutability("readOnly")).mutability("readOnly"),
            multiValuedEntry("entitlements", "Entitlements"),
            multiValuedEntry("roles", "Organisation role (primary) and admin roles (not primary)"),
            multiValuedEntry("x509Certificates", "Certificates")));

    public static final SchemaDefinition ENTERPRISE_USER_SCHEMA = SchemaDefinition.of(ENTERPRISE_USER, "EnterpriseUser",
            "Enterprise User", List.of(
                    string("employeeNumber", "At most 20 characters").withMaxLength(20),
                    string("costCenter", "At most 120 characters").withMaxLength(120),
                    string("organization", "At most 120 characters").withMaxLength(120),
                    string("division", "At most 120 characters").withMaxLength(120),
                    string("department", "At most 120 characters").withMaxLength(120),
                    complex("manager", false, "The user's manager; a non-numeric value is ignored",
                            string("value", "The manager's id"),
                            string("$ref", "The manager's URI").withType("reference"),
                            string("displayName", "The manager's name").mutability("readOnly"))));

    public static final SchemaDefinition GROUP_SCHEMA = SchemaDefinition.of(GROUP, "Group", "Group = Miro team", List.of(
            string("displayName", "The team name").required(true),
            complex("members", true, "Team members",
                    string("value", "The user id").mutability("immutable"),
                    string("$ref", "The user URI").withType("reference").mutability("immutable"),
                    string("display", "The user's name").mutability("readOnly"),
                    string("type", "User").mutability("immutable"))));

    /** Attributes every resource carries, outside any schema. */
    public static final List<String> COMMON_ATTRIBUTES = List.of("schemas", "id", "externalId", "meta");

    private ScimSchemas() {
    }

    public static List<SchemaDefinition> all() {
        return List.of(USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA);
    }

    public static SchemaDefinition byUrn(String urn) {
        for (SchemaDefinition schema : all()) {
            if (schema.id().equalsIgnoreCase(urn)) {
                return schema;
            }
        }
        return null;
    }
}
