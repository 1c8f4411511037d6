package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingClauseSettings;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import io.scimitar.provisioner.rules.mapping.ApplyOn;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.entra.ImportReportItem.Outcome.CARRIED_OVER_WITH_DIFFERENCE;
import static io.scimitar.provisioner.entra.ImportReportItem.Outcome.NOT_CARRIED_OVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SchemaImporterTest {

    private static final EvaluationEnvironment ENVIRONMENT = EvaluationEnvironment.deterministic(
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), 1);
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

    @Test
    void readsEveryMappingOfGraphsSalesforceExampleAsEntraMeansIt() {
        ImportedSchema imported = SchemaImporter.read(EntraSchemas.load(EntraSchemas.SALESFORCE),
                ConnectorProfile.GENERIC_SCIM);

        assertThat(imported.users().mappings()).extracting(AttributeMappingDefinition::target,
                AttributeMappingDefinition::type, AttributeMappingDefinition::source,
                AttributeMappingDefinition::defaultValue, AttributeMappingDefinition::matching).containsExactly(
                tuple("IsActive", MappingType.EXPRESSION, "Not([IsSoftDeleted])", "True", false),
                tuple("Alias", MappingType.EXPRESSION, "Mid([userPrincipalName], 1, 8)", null, false),
                tuple("Email", MappingType.DIRECT, "mail", null, false),
                tuple("EmailEncodingKey", MappingType.NONE, null, "ISO-8859-1", false),
                tuple("FirstName", MappingType.DIRECT, "givenName", null, false),
                tuple("LastName", MappingType.DIRECT, "surname", ".", false),
                tuple("LocaleSidKey", MappingType.EXPRESSION, "Replace([preferredLanguage], \"-\", , , \"_\")",
                        "en_US", false),
                tuple("ProfileName", MappingType.EXPRESSION, "SingleAppRoleAssignment([appRoleAssignments])",
                        "Chatter Free User", false),
                tuple("Username", MappingType.DIRECT, "userPrincipalName", null, true));
        assertThat(imported.users().mappings().get(8).matchingPrecedence()).isEqualTo(1);
        assertThat(imported.users()).extracting(ObjectTypeSettings::enabled, ObjectTypeSettings::create,
                ObjectTypeSettings::update, ObjectTypeSettings::delete).containsExactly(true, true, true, true);
        assertThat(imported.groups().enabled()).isFalse();

        Map<String, Object> values = CompiledMappingSet.compile(imported.users().mappings()).evaluate(
                SourceObject.of(Map.of("userPrincipalName", "adele.vance@contoso.com", "mail", "adele@contoso.com",
                        "givenName", "Adele", "preferredLanguage", "en-US", "IsSoftDeleted", false)),
                ENVIRONMENT, true).values();
        assertThat(values).containsEntry("IsActive", true).containsEntry("Alias", "adele.va")
                .containsEntry("LocaleSidKey", "en_US").containsEntry("Email", "adele@contoso.com")
                .containsEntry("LastName", ".").containsEntry("EmailEncodingKey", "ISO-8859-1")
                .containsEntry("Username", "adele.vance@contoso.com");

        assertThat(imported.report()).extracting(ImportReportItem::pointer, ImportReportItem::outcome).contains(
                tuple("/directories", NOT_CARRIED_OVER),
                tuple("/synchronizationRules/0/objectMappings/0/metadata", NOT_CARRIED_OVER),
                tuple("/synchronizationRules/0/objectMappings/0/attributeMappings", CARRIED_OVER_WITH_DIFFERENCE));
        assertThat(imported.report()).filteredOn(item -> item.pointer().endsWith("/0/metadata"))
                .singleElement().extracting(ImportReportItem::item).asString()
                .contains("IsCustomerDefined", "EscrowBehavior", "Unsynchronized");
    }

    @Test
    void readsTreesFiltersActionsAndReportsWhatItCannotCarryOver() {
        ImportedSchema imported = SchemaImporter.read(EntraSchemas.load(EntraSchemas.GENERIC_SCIM),
                ConnectorProfile.GENERIC_SCIM);
        List<AttributeMappingDefinition> users = imported.users().mappings();

        assertThat(users).extracting(AttributeMappingDefinition::target, AttributeMappingDefinition::source)
                .contains(tuple("name.formatted", "Join(\" \", [givenName], [surname])"),
                        tuple("title", "ToUpper([jobTitle])"),
                        tuple("nickName", "extension_9d98asdfl15980a_Nickname"),
                        tuple("phoneNumbers[type eq \"mobile\"].value", "mobile"),
                        tuple(ENTERPRISE + "organization", "Contoso"),
                        tuple("addresses[type eq \"work\"].country", "IIF([country]=\"US\",\"United States\",[country])"));
        assertThat(users).filteredOn(AttributeMappingDefinition::matching)
                .extracting(AttributeMappingDefinition::target, AttributeMappingDefinition::matchingPrecedence)
                .containsExactly(tuple("userName", 1), tuple("emails[type eq \"work\"].value", 2));
        assertThat(users).filteredOn(mapping -> mapping.applyOn() == ApplyOn.CREATE_ONLY)
                .extracting(AttributeMappingDefinition::target).containsExactly(ENTERPRISE + "employeeNumber");
        assertThat(imported.groups()).extracting(ObjectTypeSettings::enabled, ObjectTypeSettings::create,
                ObjectTypeSettings::delete).containsExactly(true, true, true);
        assertThat(imported.groups().mappings()).extracting(AttributeMappingDefinition::target)
                .containsExactly("displayName", "externalId");

        assertThat(imported.users().scopingFilters()).hasSize(2);
        assertThat(imported.users().scopingFilters().get(0).clauses()).containsExactly(
                new ScopingClauseSettings("department", "EQUALS", "Sales"),
                new ScopingClauseSettings("city", "EQUALS", "Seattle"),
                new ScopingClauseSettings("accountEnabled", "IS TRUE", null));
        ScopingFilterSet scope = ScopingFilterSet.compile(imported.users().scopingFilters().stream()
                .map(ObjectTypeSettings.ScopingFilterSettings::toFilter).toList());
        assertThat(scope.evaluate(user("department", "Sales", "city", "Seattle", "accountEnabled", true)).inScope())
                .isTrue();
        assertThat(scope.evaluate(user("department", "Sales", "city", "Boston", "accountEnabled", true)).inScope())
                .isFalse();
        assertThat(scope.evaluate(user("extension_9d98asdfl15980a_Nickname", "Bob", "jobTitle", "Contractor II"))
                .inScope()).isFalse();
        assertThat(imported.groups().scopingFilters().get(0).clauses())
                .containsExactly(new ScopingClauseSettings("mailNickname", "ENDS_WITH", "-team"));

        String rule = "/synchronizationRules/0";
        String users0 = rule + "/objectMappings/0";
        assertThat(imported.report()).extracting(ImportReportItem::pointer, ImportReportItem::outcome).contains(
                tuple("/synchronizationRules/1", NOT_CARRIED_OVER),
                tuple(rule + "/metadata", NOT_CARRIED_OVER),
                tuple(rule + "/objectMappings/2", NOT_CARRIED_OVER),
                tuple(users0 + "/attributeMappings/3/flowBehavior", CARRIED_OVER_WITH_DIFFERENCE),
                tuple(users0 + "/attributeMappings/9/source/name", CARRIED_OVER_WITH_DIFFERENCE),
                tuple(users0 + "/attributeMappings/10/flowType", CARRIED_OVER_WITH_DIFFERENCE),
                tuple(users0 + "/scope/groups/1/clauses/2/sourceOperandName", CARRIED_OVER_WITH_DIFFERENCE),
                tuple(users0 + "/scope/inputFilterGroups", NOT_CARRIED_OVER));
        assertThat(imported.report()).filteredOn(item -> item.pointer().endsWith("/9/source/name")).singleElement()
                .extracting(ImportReportItem::item).isEqualTo("source attribute streetAddress");
        assertThat(imported.pointerOf("users.mappings[4].source")).isEqualTo(users0 + "/attributeMappings/4");
    }

    @Test
    void turnsOffGroupCreateAndDeleteForMiroAsItsTutorialSays() {
        ImportedSchema imported = SchemaImporter.read(EntraSchemas.load(EntraSchemas.GENERIC_SCIM),
                ConnectorProfile.MIRO);

        assertThat(imported.groups()).extracting(ObjectTypeSettings::create, ObjectTypeSettings::update,
                ObjectTypeSettings::delete).containsExactly(false, true, false);
        assertThat(imported.report()).filteredOn(item -> item.pointer().endsWith("objectMappings/1/flowTypes"))
                .extracting(ImportReportItem::item).containsExactly("Add (create groups)", "Delete (delete groups)");
    }

    @Test
    void theMiroGallerySchemaIsTheMiroProfilesDefaults() {
        ImportedSchema imported = SchemaImporter.read(EntraSchemas.load(EntraSchemas.MIRO_GALLERY),
                ConnectorProfile.MIRO);

        assertThat(imported.users()).isEqualTo(ConnectorProfile.MIRO.defaults().users());
        assertThat(imported.groups()).isEqualTo(ConnectorProfile.MIRO.defaults().groups());
        assertThat(imported.report()).isEmpty();
    }

    @Test
    void rebuildsAnExpressionFromAFunctionTreeWithoutOne() {
        ObjectNode schema = (ObjectNode) EntraSchemas.load(EntraSchemas.MIRO_GALLERY);
        ObjectNode active = (ObjectNode) schema.at("/synchronizationRules/0/objectMappings/0/attributeMappings/1/source");
        active.remove("expression");

        ImportedSchema imported = SchemaImporter.read(schema, ConnectorProfile.MIRO);

        assertThat(imported.users().mappings().get(1).source()).isEqualTo(ConnectorProfile.ACTIVE_EXPRESSION);
    }

    @Test
    void namesThePointerOfWhatMakesADocumentUnreadable() {
        assertProblem(edit(EntraSchemas.MIRO_GALLERY, "/synchronizationRules/0/objectMappings/0/attributeMappings/1/source",
                "expression", "Switch([IsSoftDeleted], "),
                "/synchronizationRules/0/objectMappings/0/attributeMappings/1/source/expression");
        assertProblem(edit(EntraSchemas.MIRO_GALLERY, "/synchronizationRules/0/objectMappings/0/attributeMappings/2",
                "flowType", "Sometimes"),
                "/synchronizationRules/0/objectMappings/0/attributeMappings/2/flowType");
        assertProblem(edit(EntraSchemas.GENERIC_SCIM, "/synchronizationRules/0/objectMappings/0/scope/groups/0/clauses/0",
                "operatorName", "RESEMBLES"),
                "/synchronizationRules/0/objectMappings/0/scope/groups/0/clauses/0/operatorName");
        assertProblem(edit(EntraSchemas.MIRO_GALLERY, "/synchronizationRules/0/objectMappings/0",
                "flowTypes", "Add, Rename"), "/synchronizationRules/0/objectMappings/0/flowTypes");
        assertProblem(edit(EntraSchemas.MIRO_GALLERY, "/synchronizationRules/0/objectMappings/0",
                "sourceObjectName", "Person"), "/synchronizationRules");
    }

    private static JsonNode edit(String resource, String at, String field, String value) {
        JsonNode schema = EntraSchemas.load(resource);
        ((ObjectNode) schema.at(at)).put(field, value);
        return schema;
    }

    private static void assertProblem(JsonNode schema, String pointer) {
        assertThatThrownBy(() -> SchemaImporter.read(schema, ConnectorProfile.MIRO))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).singleElement().satisfies(error ->
                            assertThat(error.field()).isEqualTo(pointer));
                });
    }

    private static SourceObject user(Object... pairs) {
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put((String) pairs[i], pairs[i + 1]);
        }
        return SourceObject.of(attributes);
    }
}
