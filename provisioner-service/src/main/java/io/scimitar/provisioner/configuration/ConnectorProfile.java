package io.scimitar.provisioner.configuration;

import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.scim.PatchDialect;

import java.util.ArrayList;
import java.util.List;

/**
 * What a kind of target application can do and the defaults it starts with, like an Entra gallery app's template.
 */
public enum ConnectorProfile {

    /**
     * Miro's SCIM API: teams are matched by name and never created or deleted; Entra's default PATCH client; an
     * attribute is never cleared, since Miro documents no way to (its only documented {@code Remove} is of a role).
     */
    MIRO(PatchDialect.ENTRA_DEFAULT, false, false, RateLimitPolicy.MIRO) {
        @Override
        List<AttributeMappingDefinition> defaultUserMappings() {
            return List.of(
                    AttributeMappingDefinition.direct("userPrincipalName", "userName").matchingWithPrecedence(1),
                    AttributeMappingDefinition.expression(ACTIVE_EXPRESSION, "active"),
                    AttributeMappingDefinition.direct("displayName", "displayName"),
                    AttributeMappingDefinition.direct("mail", "emails[type eq \"work\"].value"),
                    AttributeMappingDefinition.direct("givenName", "name.givenName"),
                    AttributeMappingDefinition.direct("surname", "name.familyName"));
        }

        @Override
        List<AttributeMappingDefinition> defaultGroupMappings() {
            return List.of(AttributeMappingDefinition.direct("displayName", "displayName").matchingWithPrecedence(1));
        }

        /** Adding a deactivated user to a team reactivates it; removing one hands its boards to a team admin. */
        @Override
        public InactiveMembers inactiveMembers() {
            return InactiveMembers.NEITHER_ADDED_NOR_REMOVED;
        }
    },

    /**
     * Any RFC 7643/7644 endpoint: groups are created and deleted; PATCH follows RFC 7644 §3.5.2 exactly; a mapped value
     * that becomes empty is removed from the target ({@code remove} with its path).
     */
    GENERIC_SCIM(PatchDialect.RFC7644, true, true, RateLimitPolicy.NONE) {
        @Override
        List<AttributeMappingDefinition> defaultUserMappings() {
            return List.of(
                    AttributeMappingDefinition.direct("userPrincipalName", "userName").matchingWithPrecedence(1),
                    AttributeMappingDefinition.expression(ACTIVE_EXPRESSION, "active"),
                    AttributeMappingDefinition.direct("displayName", "displayName"),
                    AttributeMappingDefinition.direct("jobTitle", "title"),
                    AttributeMappingDefinition.direct("mail", "emails[type eq \"work\"].value"),
                    AttributeMappingDefinition.direct("preferredLanguage", "preferredLanguage"),
                    AttributeMappingDefinition.direct("givenName", "name.givenName"),
                    AttributeMappingDefinition.direct("surname", "name.familyName"),
                    AttributeMappingDefinition.expression("Join(\" \", [givenName], [surname])", "name.formatted"),
                    AttributeMappingDefinition.direct("mobile", "phoneNumbers[type eq \"mobile\"].value"),
                    AttributeMappingDefinition.direct("objectId", "externalId"),
                    AttributeMappingDefinition.direct("department", ENTERPRISE + "department"),
                    AttributeMappingDefinition.direct("employeeId", ENTERPRISE + "employeeNumber"));
        }

        @Override
        List<AttributeMappingDefinition> defaultGroupMappings() {
            return List.of(
                    AttributeMappingDefinition.direct("displayName", "displayName").matchingWithPrecedence(1),
                    AttributeMappingDefinition.direct("objectId", "externalId"));
        }

        /** RFC 7643 keeps group membership and {@code active} apart: an inactive user is a member like any other. */
        @Override
        public InactiveMembers inactiveMembers() {
            return InactiveMembers.HELD;
        }
    };

    /** Entra's default "active" mapping: true unless the user is unassigned, out of scope, disabled or deleted. */
    public static final String ACTIVE_EXPRESSION = "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

    private final PatchDialect patchDialect;
    private final boolean canCreateAndDeleteGroups;
    private final boolean canClearAttributes;
    private final RateLimitPolicy rateLimits;

    ConnectorProfile(PatchDialect patchDialect, boolean canCreateAndDeleteGroups, boolean canClearAttributes,
            RateLimitPolicy rateLimits) {
        this.patchDialect = patchDialect;
        this.canCreateAndDeleteGroups = canCreateAndDeleteGroups;
        this.canClearAttributes = canClearAttributes;
        this.rateLimits = rateLimits;
    }

    /**
     * True when the target can remove an attribute's value, so that a mapped value that became empty is cleared there;
     * false when it cannot, and the target keeps its value (logged as such, never as "in sync").
     */
    public boolean canClearAttributes() {
        return canClearAttributes;
    }

    /** True when the target creates and deletes groups through SCIM; false for Miro's teams. */
    public boolean canCreateAndDeleteGroups() {
        return canCreateAndDeleteGroups;
    }

    /** The target's request budgets, which jobs of this profile keep to unless told otherwise. */
    public RateLimitPolicy rateLimits() {
        return rateLimits;
    }

    abstract List<AttributeMappingDefinition> defaultUserMappings();

    /** What this target's groups can do with inactive members (see {@code membership.MembershipRule}). */
    public abstract InactiveMembers inactiveMembers();

    abstract List<AttributeMappingDefinition> defaultGroupMappings();

    public PatchDialect patchDialect() {
        return patchDialect;
    }

    /** The configuration a new job of this profile starts from. */
    public JobConfiguration defaults() {
        return new JobConfiguration(
                new ObjectTypeSettings(true, true, true, true, defaultUserMappings(), List.of()),
                new ObjectTypeSettings(true, canCreateAndDeleteGroups, true, canCreateAndDeleteGroups,
                        defaultGroupMappings(), List.of()));
    }

    /** What this target cannot do that the configuration asks for, in words for the administrator. */
    public List<String> violations(JobConfiguration configuration) {
        List<String> violations = new ArrayList<>();
        if (!canCreateAndDeleteGroups && configuration.groups().enabled()) {
            if (configuration.groups().create()) {
                violations.add("groups.create: " + name().toLowerCase() + " cannot create groups through SCIM "
                        + "(Miro teams must already exist with the same name); turn Create off for groups");
            }
            if (configuration.groups().delete()) {
                violations.add("groups.delete: " + name().toLowerCase() + " cannot delete groups through SCIM; "
                        + "turn Delete off for groups");
            }
        }
        if (!configuration.users().enabled()) {
            violations.add("users.enabled: the Users mapping cannot be turned off, as in Entra");
        }
        return violations;
    }
}
