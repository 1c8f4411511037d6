package io.scimitar.mock.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.TOKEN;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.userJson;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AuthenticationTest {

    @AfterEach
    void restoreSettings() {
        reset();
    }

    @Test
    void rejectsRequestWithoutTokenWith401() {
        Response response = given().get(USERS);

        assertScimError(response, 401, null);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void rejectsWrongTokenWith401OnEveryScimEndpoint() {
        assertScimError(given().header("Authorization", "Bearer wrong").get(USERS), 401, null);
        assertScimError(given().header("Authorization", "Basic " + TOKEN).get(GROUPS), 401, null);
        assertScimError(given().header("Authorization", "Bearer wrong").contentType("application/scim+json")
                .body(userJson("a@example.com")).post(USERS), 401, null);
        assertScimError(given().header("Authorization", "Bearer " + TOKEN + "x").get("/api/v1/scim/ServiceProviderConfig"), 401, null);
    }

    @Test
    void acceptsTheBearerSchemeInAnyCase() {
        given().header("Authorization", "bearer " + TOKEN).get(USERS).then().statusCode(200);
    }

    @Test
    void answers403WhenScimIsDisabledButStill401ForABadToken() {
        given().contentType("application/json").body("{\"scimEnabled\":false}").put("/admin/settings").then().statusCode(200);

        assertScimError(scim().get(USERS), 403, null);
        assertScimError(given().get(USERS), 401, null);
    }

    @Test
    void neverReturnsTheTokenFromAnyEndpoint() {
        for (String path : new String[]{"/admin/settings", "/admin/state", "/q/openapi", "/api/v1/scim/ServiceProviderConfig"}) {
            String body = given().header("Authorization", "Bearer " + TOKEN).get(path).asString();
            assertThat(body).as(path).doesNotContain(TOKEN);
        }
    }

    @Test
    void servesHealthAndOpenApiWithoutToken() {
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(given().get("/q/openapi").asString()).contains("/api/v1/scim/Users").contains("/admin/faults");
    }

    @Test
    void answersUnknownScimPathsAndMethodsWithScimErrors() {
        assertScimError(scim().get("/api/v1/scim/Widgets"), 404, null);
        assertScimError(scim().delete(USERS), 405, null);
    }
}
