package io.scimitar.mock;

import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Small factories for calling the mock over HTTP in tests. */
public final class ScimApi {

    public static final String TOKEN = "test-token";
    public static final String USERS = "/api/v1/scim/Users";
    public static final String GROUPS = "/api/v1/scim/Groups";
    public static final String SCIM_JSON = "application/scim+json";
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String DEFAULT_TEAM_ID = "3074457345618258000";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    private ScimApi() {
    }

    public static RequestSpecification scim() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    public static void reset() {
        given().post("/admin/reset").then().statusCode(204);
    }

    public static String userJson(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","displayName":"%s",
                 "name":{"givenName":"Given","familyName":"Family"}}""".formatted(userName, userName.substring(0, userName.indexOf('@')));
    }

    public static String createUser(String userName) {
        return scim().body(userJson(userName)).post(USERS).then().statusCode(201).extract().path("id");
    }

    public static String patchOp(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
    }

    public static String seedTeam(String displayName) {
        return given().contentType("application/json").body("{\"displayName\":\"" + displayName + "\"}")
                .post("/admin/teams").then().statusCode(201).extract().path("id");
    }

    public static void makeAdmin(String teamId, String userId) {
        given().contentType("application/json").body("{\"role\":\"ADMIN\"}")
                .put("/admin/teams/" + teamId + "/members/" + userId).then().statusCode(200);
    }

    /** Asserts the SCIM error body: schema, status as a string, scimType (or none) and a useful detail. */
    public static void assertScimError(Response response, int status, String scimType) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(SCIM_JSON);
        assertThat(response.jsonPath().getList("schemas", String.class)).containsExactly(ERROR_SCHEMA);
        assertThat(response.jsonPath().getString("status")).isEqualTo(Integer.toString(status));
        assertThat(response.jsonPath().getString("scimType")).isEqualTo(scimType);
        assertThat(response.jsonPath().getString("detail")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(response.asString()).doesNotContain("\"status\":" + status);
    }
}
