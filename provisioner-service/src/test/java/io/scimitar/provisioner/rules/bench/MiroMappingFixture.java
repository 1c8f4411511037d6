package io.scimitar.provisioner.rules.bench;

import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.filter.ScopingClause;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;

import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.direct;
import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.expression;

/** A typical Entra-to-Miro user mapping set (10 attributes) and a user to evaluate it for. */
public final class MiroMappingFixture {

    public static final List<AttributeMappingDefinition> MAPPINGS = List.of(
            expression("ToLower(Replace([userPrincipalName], \"@contoso.onmicrosoft.com\", , , \"@contoso.com\", , ))",
                    "userName").matchingWithPrecedence(1),
            expression("Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")", "active"),
            expression("Join(\" \", [givenName], [surname])", "displayName"),
            direct("givenName", "name.givenName"),
            direct("surname", "name.familyName"),
            expression("ToLower([mail])", "emails[type eq \"work\"].value").matchingWithPrecedence(2),
            direct("jobTitle", "title"),
            expression("IgnoreFlowIfNullOrEmpty([department])",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"),
            expression("SingleAppRoleAssignment([appRoleAssignments])", "roles[primary eq \"True\"].value"),
            direct("objectId", "externalId").withDefaultValue("unknown"));

    public static final List<ScopingFilter> SCOPING_FILTERS = List.of(
            new ScopingFilter("Employees", List.of(
                    ScopingClause.of("userType", "EQUALS", "Member"),
                    ScopingClause.of("userPrincipalName", "REGEX MATCH", ".*\\@contoso\\.(com|onmicrosoft\\.com)$"),
                    ScopingClause.of("accountEnabled", "IS TRUE", null))),
            new ScopingFilter("Contractors", List.of(ScopingClause.of("employeeType", "EQUALS", "Contractor"))));

    public static final SourceObject USER = SourceObject.of(Map.of(
            "userPrincipalName", "Ada.Lovelace@contoso.onmicrosoft.com",
            "IsSoftDeleted", "False",
            "givenName", "Ada",
            "surname", "Lovelace",
            "mail", "Ada.Lovelace@Contoso.com",
            "jobTitle", "Analyst",
            "department", "Engineering",
            "objectId", "00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
            "userType", "Member",
            "accountEnabled", true),
            List.of(AppRoleAssignment.direct("8f2c-0001", "Member", "Member")));

    private MiroMappingFixture() {
    }
}
