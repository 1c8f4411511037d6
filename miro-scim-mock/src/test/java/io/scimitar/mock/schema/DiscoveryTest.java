package io.scimitar.mock.schema;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

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
        assertThat(user.<Integer>path("attributes.find { it.name == 'displayName' }.maxLength")).isEqualTo(60);
        Response enterprise = scim().get("/api/v1/scim/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.jsonPath().getList("attributes.name")).contains("employeeNumber", "department", "manager");
        assertScimError(scim().get("/api/v1/scim/Schemas/urn:example:nope"), 404, null);
    }
}
