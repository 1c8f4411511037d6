package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The PATCH bodies of both dialects, against the shapes of Entra's SCIM client (entra-provisioning.md §7). */
class ScimPatchWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER;
    private final ScimPatchWriter writer = new ScimPatchWriter(JSON);

    @Test
    void writesADisableAsEntrasDefaultClientDoes() {
        ObjectNode patch = writer.attributes(PatchDialect.ENTRA_DEFAULT,
                List.of(new AttributeChange("active", "True", "False")));
        assertThat(patch.toString()).isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}");
    }

    @Test
    void writesADisableAsRfc7644WithAJsonBoolean() {
        ObjectNode patch = writer.attributes(PatchDialect.RFC7644,
                List.of(new AttributeChange("active", true, "False")));
        assertThat(patch.path("Operations").toString())
                .isEqualTo("[{\"op\":\"replace\",\"value\":{\"active\":false}}]");
    }

    @Test
    void writesOneOperationPerAttributeForEntrasDefaultClient() {
        ObjectNode patch = writer.attributes(PatchDialect.ENTRA_DEFAULT, List.of(
                new AttributeChange("displayName", "A", "B"),
                new AttributeChange("name.familyName", "X", "Y"),
                new AttributeChange("emails[type eq \"work\"].value", "a@x.com", "b@x.com"),
                new AttributeChange("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", null,
                        "IT")));
        assertThat(patch.path("Operations").toString()).isEqualTo("["
                + "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"B\"},"
                + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"Y\"},"
                + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@x.com\"},"
                + "{\"op\":\"Add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\","
                + "\"value\":\"IT\"}]");
    }

    @Test
    void nestsSubAttributesAndExtensionAttributesInTheRfc7644PathlessReplace() {
        ObjectNode patch = writer.attributes(PatchDialect.RFC7644, List.of(
                new AttributeChange("displayName", "A", "B"),
                new AttributeChange("name.familyName", "O'Neil", "Núñez-García"),
                new AttributeChange("name.formatted", "Ann O'Neil", "Ann Núñez-García"),
                new AttributeChange(ENTERPRISE + ":department", "Ventes", "Achats"),
                new AttributeChange("emails[type eq \"work\"].value", "a@x.com", "b@x.com")));
        assertThat(patch.path("Operations").toString()).isEqualTo("["
                + "{\"op\":\"replace\",\"value\":{\"displayName\":\"B\","
                + "\"name\":{\"familyName\":\"Núñez-García\",\"formatted\":\"Ann Núñez-García\"},"
                + "\"" + ENTERPRISE + "\":{\"department\":\"Achats\"}}},"
                + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@x.com\"}]");
    }

    @Test
    void namesAttributesByPathInThePathlessReplaceOfEntrasFlaggedClient() {
        ObjectNode patch = writer.attributes(PatchDialect.ENTRA_RFC7644, List.of(
                new AttributeChange("displayName", "A", "B"),
                new AttributeChange("name.givenName", "X", "Y"),
                new AttributeChange(ENTERPRISE + ":department", "Ventes", "Achats"),
                new AttributeChange("emails[type eq \"work\"].value", "a@x.com", "b@x.com")));
        assertThat(patch.path("Operations").toString()).isEqualTo("["
                + "{\"op\":\"replace\",\"value\":{\"displayName\":\"B\",\"name.givenName\":\"Y\","
                + "\"" + ENTERPRISE + ":department\":\"Achats\"}},"
                + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@x.com\"}]");
    }

    @Test
    void removesAClearedAttributeByItsPathAndAFilteredElementAsAWhole() {
        ObjectNode patch = writer.attributes(PatchDialect.RFC7644, List.of(
                new AttributeChange("title", "Data Engineer", null),
                new AttributeChange("name.formatted", "Ann O'Neil", null),
                new AttributeChange(ENTERPRISE + ":department", "Ventes", null),
                new AttributeChange("phoneNumbers[type eq \"mobile\"].value", "+33 6", null),
                new AttributeChange("roles[primary eq \"True\"].display", "Admin", null),
                new AttributeChange("displayName", "A", "B")));
        assertThat(patch.path("Operations").toString()).isEqualTo("["
                + "{\"op\":\"remove\",\"path\":\"title\"},"
                + "{\"op\":\"remove\",\"path\":\"name.formatted\"},"
                + "{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":department\"},"
                + "{\"op\":\"remove\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"]\"},"
                + "{\"op\":\"remove\",\"path\":\"roles[primary eq \\\"True\\\"].display\"},"
                + "{\"op\":\"replace\",\"value\":{\"displayName\":\"B\"}}]");
    }

    @Test
    void writesARemovalWithEntrasCapitalisedOp() {
        ObjectNode patch = writer.attributes(PatchDialect.ENTRA_DEFAULT,
                List.of(new AttributeChange("title", "Data Engineer", null)));
        assertThat(patch.path("Operations").toString()).isEqualTo("[{\"op\":\"Remove\",\"path\":\"title\"}]");
    }

    @Test
    void keepsStrictShapesForAStrictProfileWhateverTheTenantUrlSays() {
        assertThat(PatchDialect.forTenant("https://x/scim?aadOptscim062020", PatchDialect.RFC7644))
                .isEqualTo(PatchDialect.RFC7644);
        assertThat(PatchDialect.forTenant("https://x/scim?aadOptscim062020", PatchDialect.ENTRA_DEFAULT))
                .isEqualTo(PatchDialect.ENTRA_RFC7644);
        assertThat(PatchDialect.forTenant("https://x/scim", PatchDialect.ENTRA_DEFAULT))
                .isEqualTo(PatchDialect.ENTRA_DEFAULT);
    }

    @Test
    void addsAMissingMultiValuedElementAsAnElementInsteadOfAFilteredReplace() {
        for (PatchDialect dialect : PatchDialect.values()) {
            ObjectNode patch = writer.attributes(dialect,
                    List.of(new AttributeChange("emails[type eq \"work\"].value", null, "first@x.com")));
            assertThat(patch.path("Operations").get(0).path("path").asText()).isEqualTo("emails");
            assertThat(patch.path("Operations").get(0).path("op").asText()).isEqualToIgnoringCase("add");
            assertThat(patch.path("Operations").get(0).path("value").toString())
                    .isEqualTo("[{\"type\":\"work\",\"primary\":true,\"value\":\"first@x.com\"}]");
        }
    }

    @Test
    void removesMembersWithAValueArrayForEntraAndAFilteredPathForRfc7644() {
        assertThat(writer.removeMembers(PatchDialect.ENTRA_DEFAULT, List.of("1", "2")).path("Operations").toString())
                .isEqualTo("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"1\"},{\"value\":\"2\"}]}]");
        for (PatchDialect dialect : List.of(PatchDialect.RFC7644, PatchDialect.ENTRA_RFC7644)) {
            assertThat(writer.removeMembers(dialect, List.of("1")).path("Operations").toString())
                    .isEqualTo("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"1\\\"]\"}]");
        }
    }

    @Test
    void addsSeveralMembersInOneOperation() {
        assertThat(writer.addMembers(PatchDialect.ENTRA_DEFAULT, List.of("1", "2")).path("Operations").toString())
                .isEqualTo("[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"1\"},{\"value\":\"2\"}]}]");
    }

    @Test
    void writesAUserResourceAsEntraPostsIt() {
        ObjectNode user = new ScimResourceWriter(JSON).user(new java.util.LinkedHashMap<>(Map.of(
                "userName", "ada@x.com", "active", "True", "emails[type eq \"work\"].value", "ada@x.com",
                "name.givenName", "Ada",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "R&D")));
        assertThat(user.path("schemas").toString()).isEqualTo("[\"urn:ietf:params:scim:schemas:core:2.0:User\","
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]");
        assertThat(user.path("active").isBoolean()).isTrue();
        assertThat(user.path("emails").toString())
                .isEqualTo("[{\"type\":\"work\",\"primary\":true,\"value\":\"ada@x.com\"}]");
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Ada");
        assertThat(user.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("department")
                .asText()).isEqualTo("R&D");
        assertThat(user.path("meta").path("resourceType").asText()).isEqualTo("User");
    }

    @Test
    void readsBackTheValuesOfMappedPathsFromATargetResource() throws Exception {
        var resource = JSON.readTree("{\"userName\":\"a@x.com\",\"active\":false,\"name\":{\"familyName\":\"L\"},"
                + "\"emails\":[{\"type\":\"home\",\"value\":\"h@x.com\"},{\"type\":\"Work\",\"value\":\"w@x.com\"}],"
                + "\"roles\":[{\"primary\":true,\"value\":\"Admin\"}]}");
        assertThat(ScimResourceReader.values(resource, List.of("userName", "active", "name.familyName",
                "emails[type eq \"work\"].value", "roles[primary eq \"True\"].value", "title")))
                .containsExactly(Map.entry("userName", "a@x.com"), Map.entry("active", false),
                        Map.entry("name.familyName", "L"), Map.entry("emails[type eq \"work\"].value", "w@x.com"),
                        Map.entry("roles[primary eq \"True\"].value", "Admin"));
    }
}
