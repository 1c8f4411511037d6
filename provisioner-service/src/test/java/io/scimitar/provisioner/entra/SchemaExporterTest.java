package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaExporterTest {

    @ParameterizedTest
    @ValueSource(strings = {EntraSchemas.SALESFORCE, EntraSchemas.GENERIC_SCIM, EntraSchemas.MIRO_GALLERY})
    void anExportImportsBackUnchanged(String resource) {
        ImportedSchema first = SchemaImporter.read(EntraSchemas.load(resource), ConnectorProfile.GENERIC_SCIM);
        JsonNode exported = SchemaExporter.export(ConnectorProfile.GENERIC_SCIM, first.users(), first.groups());

        ImportedSchema second = SchemaImporter.read(exported, ConnectorProfile.GENERIC_SCIM);

        assertThat(second.users()).isEqualTo(first.users());
        assertThat(second.groups()).isEqualTo(first.groups());
        assertThat(SchemaExporter.export(ConnectorProfile.GENERIC_SCIM, second.users(), second.groups()))
                .isEqualTo(exported);
    }

    @Test
    void aFreshMiroJobExportsEntrasMiroApplicationMappings() {
        JobConfiguration defaults = ConnectorProfile.MIRO.defaults();

        assertThat(SchemaExporter.export(ConnectorProfile.MIRO, defaults.users(), defaults.groups()))
                .isEqualTo(EntraSchemas.load(EntraSchemas.MIRO_GALLERY));
    }

    @Test
    void writesFunctionTreesWithEntrasParameterKeysAndWhenEmptyAsMetadata() {
        ImportedSchema imported = SchemaImporter.read(EntraSchemas.load(EntraSchemas.SALESFORCE),
                ConnectorProfile.GENERIC_SCIM);
        var users = imported.users().mappings().stream()
                .map(mapping -> mapping.target().equals("FirstName") ? mapping.whenEmpty("KEEP") : mapping).toList();
        var settings = new io.scimitar.provisioner.configuration.ObjectTypeSettings(true, true, true, true, users,
                imported.users().scopingFilters());

        JsonNode exported = SchemaExporter.export(ConnectorProfile.GENERIC_SCIM, settings, imported.groups());
        JsonNode user = exported.at("/synchronizationRules/0/objectMappings/0");

        JsonNode mid = user.at("/attributeMappings/1/source");
        assertThat(mid.get("expression").asText()).isEqualTo("Mid([userPrincipalName], 1, 8)");
        assertThat(mid.get("type").asText()).isEqualTo("Function");
        assertThat(mid.at("/parameters/0/key").asText()).isEqualTo("source");
        assertThat(mid.at("/parameters/1/key").asText()).isEqualTo("start");
        assertThat(mid.at("/parameters/2/key").asText()).isEqualTo("length");
        JsonNode replace = user.at("/attributeMappings/6/source/parameters");
        assertThat(replace).hasSize(3);
        assertThat(replace.at("/2/key").asText()).isEqualTo("replacementValue");
        assertThat(user.at("/attributeMappings/3/source").isNull()).isTrue();
        assertThat(user.at("/attributeMappings/8/matchingPriority").asInt()).isEqualTo(1);
        assertThat(user.get("metadata").toString())
                .isEqualTo("[{\"key\":\"ScimitarWhenEmpty.FirstName\",\"value\":\"KEEP\"}]");
        assertThat(SchemaImporter.read(exported, ConnectorProfile.GENERIC_SCIM).users()).isEqualTo(settings);
    }
}
