package io.scimitar.mock.schema;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.scim;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class DiscoveryTest {

    @Test
    void declaresServiceProviderConfigAsMiro() {
        Response response = scim().get("/api/v1/scim/ServiceProviderConfig");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/scim+json");
        assertThat(response.<Boolean>path("patch.supported")).isTrue();
        assertThat(response.<Boolean>path("bulk.supported")).isFalse();
        assertThat(response.<Boolean>path("filter.supported")).isTrue();
        assertThat(response.<Integer>path("filter.maxResults")).isEqualTo(1000);
        assertThat(response.<Boolean>path("changePassword.supported")).isFalse();
        assertThat(response.<Boolean>path("sort.supported")).isTrue();
        assertThat(response.<Boolean>path("etag.supported")).isFalse();
        assertThat(response.<String>path("authenticationSchemes[0].type")).isEqualTo("oauthbearertoken");
    }

    @Test
    void listsUserAndGroupResourceTypes() {
        Response response = scim().get("/api/v1/scim/ResourceTypes");

        assertThat(response.jsonPath().getList("Resources.id")).containsExactly("User", "Group");
        assertThat(response.<String>path("Resources[0].schemaExtensions[0].schema"))
                .isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(scim().get("/api/v1/scim/ResourceTypes/Group").<String>path("endpoint")).isEqualTo("/Groups");
        assertScimError(scim().get("/api/v1/scim/ResourceTypes/Board"), 404, null);
    }

    @Test
    void servesCoreUserCoreGroupAndEnterpriseSchemas() {
        Response response = scim().get("/api/v1/scim/Schemas");

        assertThat(response.jsonPath().getList("Resources.id")).containsExactly(
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        Response user = scim().get("/api/v1/scim/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(user.jsonPath().getList("attributes.name")).contains("userName", "displayName", "userType", "roles", "emails");
        assertThat(user.<Boolean>path("attributes.find { it.name == 'userName' }.required")).isTrue();
        Response enterprise = scim().get("/api/v1/scim/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.jsonPath().getList("attributes.name")).contains("employeeNumber", "department", "manager");
        assertScimError(scim().get("/api/v1/scim/Schemas/urn:example:nope"), 404, null);
    }

    /** RFC 7643 §7: the characteristics an attribute definition may have, and no others. */
    private static final Set<String> RFC_7643_CHARACTERISTICS = Set.of("name", "type", "subAttributes", "multiValued",
            "description", "required", "canonicalValues", "caseExact", "mutability", "returned", "uniqueness",
            "referenceTypes");

    @Test
    void describesEveryAttributeWithRfc7643CharacteristicsOnly() {
        List<Map<String, Object>> schemas = scim().get("/api/v1/scim/Schemas").jsonPath().getList("Resources");
        assertThat(schemas).hasSize(3);
        for (Map<String, Object> schema : schemas) {
            assertRfcAttributes(String.valueOf(schema.get("id")), (List<?>) schema.get("attributes"));
            Map<String, Object> single = scim().get("/api/v1/scim/Schemas/" + schema.get("id")).jsonPath().getMap("");
            assertRfcAttributes(String.valueOf(schema.get("id")), (List<?>) single.get("attributes"));
        }
    }

    private static void assertRfcAttributes(String where, List<?> attributes) {
        assertThat(attributes).as(where).isNotEmpty();
        for (Object element : attributes) {
            Map<?, ?> attribute = (Map<?, ?>) element;
            String path = where + ":" + attribute.get("name");
            assertThat(attribute.keySet()).as(path).allMatch(RFC_7643_CHARACTERISTICS::contains);
            if (attribute.get("subAttributes") instanceof List<?> subs && !subs.isEmpty()) {
                assertRfcAttributes(path, subs);
            }
        }
    }
}
