package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.function.RoleList;
import io.scimitar.provisioner.rules.function.ScimRole;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.constant;
import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.direct;
import static io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition.expression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Mapping sets: mapping types, default values, create-only, dropped flows, redaction, matching, validation. */
class CompiledMappingSetTest {

    private static final EvaluationEnvironment ENVIRONMENT = EvaluationEnvironment.deterministic(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), 1L);

    private static SourceObject user(Map<String, Object> attributes) {
        return SourceObject.of(attributes);
    }

    @Test
    void evaluatesDirectConstantAndExpressionMappingsInOrder() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                direct("userPrincipalName", "userName"),
                constant("Contoso", "organization"),
                expression("Not([IsSoftDeleted])", "active"),
                expression("ToLower([mail])", "emails[type eq \"work\"].value")));

        MappingResult result = set.evaluate(user(Map.of("userPrincipalName", "jo@contoso.com",
                "IsSoftDeleted", false, "mail", "Jo@Contoso.com")), ENVIRONMENT, false);

        assertThat(result.values()).containsExactly(
                entry("userName", "jo@contoso.com"),
                entry("organization", "Contoso"),
                entry("active", true),
                entry("emails[type eq \"work\"].value", "jo@contoso.com"));
    }

    @Test
    void marksAnEmptiedValueToClearUnlessItsMappingKeepsTheTargetValue() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                direct("userPrincipalName", "userName").matchingWithPrecedence(1),
                direct("jobTitle", "title"),
                direct("department", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"),
                direct("mobile", "phoneNumbers[type eq \"mobile\"].value").whenEmpty("KEEP"),
                direct("officeLocation", "locale").withDefaultValue("fr-FR"),
                expression("IgnoreFlowIfNullOrEmpty([city])", "addresses[type eq \"work\"].locality")));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("jobTitle", null);
        attributes.put("department", "");

        MappingResult update = set.evaluate(user(attributes), ENVIRONMENT, false);
        MappingResult create = set.evaluate(user(attributes), ENVIRONMENT, true);

        assertThat(update.values()).isEmpty();
        assertThat(update.cleared()).containsExactly("title",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
        assertThat(update.kept()).containsExactly("phoneNumbers[type eq \"mobile\"].value", "locale");
        assertThat(update.targets()).doesNotContain("userName", "addresses[type eq \"work\"].locality");
        assertThat(create.cleared()).isEmpty();
        assertThat(create.kept()).isEmpty();
        assertThat(create.values()).containsExactly(entry("locale", "fr-FR"));
    }

    @Test
    void keepsSendingAnEmptyTextWhenTheMappingKeepsTheTargetValue() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(direct("jobTitle", "title").whenEmpty("keep")));

        MappingResult update = set.evaluate(user(Map.of("jobTitle", "")), ENVIRONMENT, false);

        assertThat(update.values()).containsExactly(entry("title", ""));
        assertThat(update.cleared()).isEmpty();
    }

    @Test
    void usesTheDefaultValueOnlyOnCreateAndOnlyForNull() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                direct("department", "department").withDefaultValue("Unknown"),
                new AttributeMappingDefinition(MappingType.NONE, null, "locale", "en-US", ApplyOn.ALWAYS, false, 0)));

        assertThat(set.evaluate(user(Map.of()), ENVIRONMENT, true).values())
                .containsExactly(entry("department", "Unknown"), entry("locale", "en-US"));
        assertThat(set.evaluate(user(Map.of()), ENVIRONMENT, false).values()).isEmpty();
        assertThat(set.evaluate(user(Map.of("department", "")), ENVIRONMENT, true).values())
                .containsEntry("department", "");
    }

    @Test
    void appliesCreateOnlyMappingsOnlyOnCreate() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                direct("mail", "userName"),
                expression("RandomString(12,2,2,2,2)", "password").onlyOnCreate()));

        assertThat(set.evaluate(user(Map.of("mail", "a@b.c")), ENVIRONMENT, true).values())
                .containsKeys("userName", "password");
        assertThat(set.evaluate(user(Map.of("mail", "a@b.c")), ENVIRONMENT, false).values())
                .containsOnlyKeys("userName");
    }

    @Test
    void leavesOutIgnoredFlowsAndNulls() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                expression("IgnoreFlowIfNullOrEmpty([department])", "department").withDefaultValue("ignored"),
                direct("manager", "manager"),
                direct("mail", "userName")));

        MappingResult result = set.evaluate(user(Map.of("mail", "a@b.c")), ENVIRONMENT, true);

        assertThat(result.values()).containsOnlyKeys("userName");
    }

    @Test
    void redactsValuesInLogsButNotInTheFlow() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                expression("Redact([employeeId])", "employeeNumber"),
                direct("mail", "userName")));

        MappingResult result = set.evaluate(user(Map.of("employeeId", "4711", "mail", "a@b.c")), ENVIRONMENT, true);

        assertThat(result.values()).containsEntry("employeeNumber", "4711");
        assertThat(result.redactedTargets()).containsExactly("employeeNumber");
        assertThat(result.loggableValues()).containsEntry("employeeNumber", "[Redact]").containsEntry("userName", "a@b.c");
    }

    @Test
    void listsMatchingAttributesInPrecedenceOrder() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                direct("mail", "emails[type eq \"work\"].value").matchingWithPrecedence(2),
                direct("displayName", "displayName"),
                direct("userPrincipalName", "userName").matchingWithPrecedence(1),
                direct("objectId", "externalId").matchingWithPrecedence(3).onlyOnCreate()));

        assertThat(set.matchingAttributes()).extracting(MatchingAttribute::target)
                .containsExactly("userName", "emails[type eq \"work\"].value", "externalId");

        MappingResult result = set.evaluate(user(Map.of("userPrincipalName", "jo@contoso.com", "objectId", "42")),
                ENVIRONMENT, false);
        assertThat(result.matchingValues()).containsExactly(
                new MatchingValue("userName", 1, "jo@contoso.com"),
                new MatchingValue("externalId", 3, "42"));
        assertThat(result.values()).doesNotContainKey("externalId");
    }

    @Test
    void reportsTheMappingAndPositionOfAParseError() {
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(
                direct("mail", "userName"),
                expression("Append([givenName], \"x\"", "nickName"))))
                .isInstanceOfSatisfying(MappingValidationException.class, e -> {
                    assertThat(e.mappingIndex()).isEqualTo(1);
                    assertThat(e.target()).isEqualTo("nickName");
                    assertThat(e.position()).isEqualTo(23);
                    assertThat(e.getMessage()).isEqualTo("Mapping #2 (target 'nickName'): Expected ')' after the"
                            + " arguments of Append at position 23");
                });
    }

    @Test
    void rejectsInvalidDefinitions() {
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(direct("mail", "userName"),
                direct("upn", "USERNAME"))))
                .hasMessageContaining("another mapping already targets this attribute");
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(direct(" ", "userName"))))
                .hasMessageContaining("the source attribute is required");
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(direct("mail", "userName").matchingWithPrecedence(1),
                direct("upn", "externalId").matchingWithPrecedence(1))))
                .hasMessageContaining("matching precedence 1 is already used by 'userName'");
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(expression("SelectUniqueValue([a], [b])", "upn"))))
                .hasMessageContaining("only during object creation");
        assertThatThrownBy(() -> CompiledMappingSet.compile(List.of(
                expression("SelectUniqueValue([a], [b])", "upn").onlyOnCreate().matchingWithPrecedence(1))))
                .hasMessageContaining("cannot be used on a matching attribute");
    }

    @Test
    void namesTheTargetWhenAnExpressionFails() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(expression("CDate([hireDate])", "startDate")));

        assertThatThrownBy(() -> set.evaluate(user(Map.of("hireDate", "not a date")), ENVIRONMENT, true))
                .isInstanceOfSatisfying(MappingEvaluationException.class, e -> {
                    assertThat(e.target()).isEqualTo("startDate");
                    assertThat(e.getMessage()).contains("Mapping to 'startDate' failed: CDate: the value \"not a date\"");
                    assertThat(e.noUniqueValue()).isFalse();
                });
    }

    @Test
    void escrowsWhenSelectUniqueValueFindsNoFreeValue() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                expression("SelectUniqueValue(Join(\"@\", [givenName], \"contoso.com\"), "
                        + "Join(\"@\", [surname], \"contoso.com\"))", "userName").onlyOnCreate()));
        EvaluationEnvironment everythingTaken = ENVIRONMENT.withUniquenessCheck(value -> false);
        Map<String, Object> attributes = new HashMap<>(Map.of("givenName", "jo", "surname", "doe"));

        assertThatThrownBy(() -> set.evaluate(user(attributes), everythingTaken, true))
                .isInstanceOfSatisfying(MappingEvaluationException.class, e -> assertThat(e.noUniqueValue()).isTrue());
        assertThat(set.evaluate(user(attributes), ENVIRONMENT.withUniquenessCheck("jo@contoso.com"::equals), true)
                .values()).containsEntry("userName", "jo@contoso.com");
    }

    @Test
    void producesRoleListsForComplexRoleMappings() {
        CompiledMappingSet set = CompiledMappingSet.compile(List.of(
                expression("AppRoleAssignmentsComplex([appRoleAssignments])", "roles"),
                expression("SingleAppRoleAssignment([appRoleAssignments])", "roles[primary eq \"True\"].value")));
        SourceObject user = SourceObject.of(Map.of(), List.of(
                AppRoleAssignment.direct("r1", "Admin", "Administrator"),
                new AppRoleAssignment("r2", "Member", "Member", "g1", "Group")));

        MappingResult result = set.evaluate(user, ENVIRONMENT, true);

        assertThat(result.values().get("roles")).isEqualTo(new RoleList(List.of(
                new ScimRole("Admin", "Administrator", ScimRole.ENTRA_ROLE_TYPE, false, "r1"),
                new ScimRole("Member", "Member", ScimRole.ENTRA_ROLE_TYPE, false, "r2")), RoleList.PatchMode.ADD));
        assertThat(result.values()).containsEntry("roles[primary eq \"True\"].value", "Admin");

        Object assertive = CompiledMappingSet.compile(List.of(
                        expression("AssertiveAppRoleAssignmentsComplex([appRoleAssignments])", "roles")))
                .evaluate(user, ENVIRONMENT, false).values().get("roles");
        assertThat(((RoleList) assertive).patchMode()).isEqualTo(RoleList.PatchMode.REPLACE);
    }
}
