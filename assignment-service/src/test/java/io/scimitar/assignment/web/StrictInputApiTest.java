package io.scimitar.assignment.web;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.scimitar.assignment.support.AdminCaller;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Bad input on the REST API is answered 4xx naming the field, and nothing is stored (issue 14, part 3). */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class StrictInputApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool database;

    @TestHTTPResource("/")
    URI root;

    @Test
    void refusesNulInAnyTextOfUsersGroupsAndApplicationsNamingTheField() {
        String upn = Api.uniqueUpn("nul");
        post("/api/v1/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"a\\u0000b\"}")
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("displayName"))
                .body("errors[0].reason", containsString("NUL"));
        assertThat(usersNamed(upn)).isZero();
        String id = Api.createUser("nulpatch");
        patch("/api/v1/users/" + id, "{\"jobTitle\":\"x\\u0000\"}").statusCode(400)
                .body("errors[0].field", equalTo("jobTitle"));
        patch("/api/v1/users/" + id, "{\"extensionAttributes\":{\"extension_a_s\":\"\\u0000\"}}").statusCode(400)
                .body("errors[0].field", equalTo("extensionAttributes.extension_a_s"));
        post("/api/v1/groups", "{\"displayName\":\"G\",\"description\":\"\\u0000\"}").statusCode(400)
                .body("errors[0].field", equalTo("description"));
        post("/api/v1/applications", "{\"displayName\":\"A\\u0000\"}").statusCode(400)
                .body("errors[0].field", equalTo("displayName"));
        post("/api/v1/applications", "{\"displayName\":\"A\",\"appRoles\":[{\"value\":\"V\",\"displayName\":\"\\u0000\"}]}")
                .statusCode(400).body("errors[0].field", equalTo("appRoles[0].displayName"));
        given().get("/api/v1/users/" + id).then().statusCode(200).body("jobTitle", nullValue());
    }

    @Test
    void refusesNulInAReadersFilterWith400() {
        given().header("Authorization", "Bearer " + AdminCaller.READER_KEY).urlEncodingEnabled(false)
                .get("/api/v1/users?displayNameStartsWith=%00").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("displayNameStartsWith"));
        given().urlEncodingEnabled(false).get("/api/v1/groups?displayNameStartsWith=%00").then().statusCode(400);
        given().urlEncodingEnabled(false).get("/api/v1/applications?displayNameStartsWith=%00").then()
                .statusCode(400);
    }

    @Test
    void refusesLoneSurrogatesInsteadOfStoringQuestionMarks() {
        String upn = Api.uniqueUpn("surrogate");
        post("/api/v1/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"x\\ud800\"}")
                .statusCode(400).body("errors[0].field", equalTo("displayName"))
                .body("errors[0].reason", containsString("surrogate"));
        assertThat(usersNamed(upn)).isZero();
        String id = Api.createUser("surrogatepatch");
        patch("/api/v1/users/" + id, "{\"city\":\"\\udc00\"}").statusCode(400).body("errors[0].field", equalTo("city"));
        post("/api/v1/groups", "{\"displayName\":\"\\ud83d\"}").statusCode(400);
        post("/api/v1/users", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Zo\\u00eb \\ud83d\\ude00\"}")
                .statusCode(201).body("displayName", equalTo("Zoë \uD83D\uDE00"));
    }

    @Test
    void refusesAnythingAfterTheJsonBody() {
        String upn = Api.uniqueUpn("trailing");
        String user = "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"T\"}";
        post("/api/v1/users", user + " garbage").statusCode(400).contentType(PROBLEM);
        post("/api/v1/users", user + user).statusCode(400)
                .body("detail", equalTo("The body must be a single JSON value with nothing after it"));
        String id = Api.createUser("trailingpatch");
        patch("/api/v1/users/" + id, "{\"jobTitle\":\"A\"} {\"jobTitle\":\"B\"}").statusCode(400);
        assertThat(usersNamed(upn)).isZero();
    }

    @Test
    void refusesValuesOfTheWrongTypeOrThatCannotBeKeptExactlyNamingTheField() {
        String upn = Api.uniqueUpn("types");
        String start = "{\"userPrincipalName\":\"" + upn + "\",";
        post("/api/v1/users", start + "\"displayName\":true}").statusCode(400)
                .body("errors[0].field", equalTo("displayName")).body("errors[0].reason", equalTo("must be a string"));
        post("/api/v1/users", start + "\"displayName\":\"T\",\"accountEnabled\":0}").statusCode(400)
                .body("errors[0].field", equalTo("accountEnabled"))
                .body("errors[0].reason", equalTo("must be true or false"));
        post("/api/v1/users", start + "\"displayName\":1e400}").statusCode(400)
                .body("errors[0].field", equalTo("displayName"));
        post("/api/v1/users", start + "\"displayName\":\"T\",\"extensionAttributes\":{\"extension_a_n\":1e400}}")
                .statusCode(400).body("errors[0].field", equalTo("extensionAttributes.extension_a_n"))
                .body("errors[0].reason", equalTo("must be a finite number"));
        post("/api/v1/users", start + "\"displayName\":\"T\",\"extensionAttributes\":"
                + "{\"extension_a_n\":123456789012345678901234567890}}").statusCode(400)
                .body("errors[0].field", equalTo("extensionAttributes.extension_a_n"));
        post("/api/v1/groups", "{\"displayName\":\"G\",\"securityEnabled\":\"yes\"}").statusCode(400)
                .body("errors[0].field", equalTo("securityEnabled"));
        assertThat(usersNamed(upn)).isZero();
    }

    @Test
    void errorTextsNameTheFieldNotAJavaType() {
        for (ValidatableResponse answer : List.of(post("/api/v1/users", "[]"),
                post("/api/v1/users", "{\"displayName\":[\"x\"]}"),
                post("/api/v1/users", "{\"displayName\": \"x\","),
                post("/api/v1/applications", "{\"displayName\":\"A\",\"appRoles\":{\"value\":\"x\"}}"),
                post("/api/v1/applications", "{\"displayName\":\"A\",\"appRoles\":[{\"colour\":\"x\"}]}"),
                patch("/api/v1/users/" + Api.createUser("javatypes"), "{\"businessPhones\":\"+44 1\"}"))) {
            answer.statusCode(400).contentType(PROBLEM).body("detail",
                    allOf(not(containsString("java.")), not(containsString("io.scimitar")), not(containsString("`")),
                            not(containsString("Cannot deserialize")), not(containsString("Unexpected"))));
        }
        post("/api/v1/applications", "{\"displayName\":\"A\",\"appRoles\":{\"value\":\"x\"}}")
                .body("detail", equalTo("Field 'appRoles' must be a list"));
        post("/api/v1/applications", "{\"displayName\":\"A\",\"appRoles\":[{\"colour\":\"x\"}]}")
                .body("errors[0].field", equalTo("appRoles[0].colour"));
    }

    @Test
    void displayNamePrefixesMatchPercentUnderscoreAndBackslashLiterally() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String percent = Api.createUser("pct", Map.of("displayName", "Pct " + run + " 50% off"));
        Api.createUser("pctx", Map.of("displayName", "Pct " + run + " 50x off"));
        String slash = Api.createUser("pcts", Map.of("displayName", "Pct " + run + " a\\b"));
        assertThat(userIds("Pct " + run + " 50%")).containsExactly(percent);
        assertThat(userIds("Pct " + run + " 5_")).isEmpty();
        assertThat(userIds("Pct " + run + " a\\")).containsExactly(slash);
        String group = Api.createGroup("Grp " + run + " 50% off");
        Api.createGroup("Grp " + run + " 50x off");
        given().queryParam("displayNameStartsWith", "grp " + run + " 50%").get("/api/v1/groups").then()
                .statusCode(200).body("items.id", equalTo(List.of(group)));
        Api.createApplication("App " + run + " 50x off");
        given().queryParam("displayNameStartsWith", "App " + run + " 50%").get("/api/v1/applications").then()
                .statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void refusesMalformedQueryParametersWith400NamingThem() {
        given().get("/api/v1/users?limit=abc").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        given().get("/api/v1/users?after=xyz").then().statusCode(400).body("errors[0].field", equalTo("after"));
        given().get("/api/v1/users?accountEnabled=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("accountEnabled"));
        given().get("/api/v1/users?deleted=yes").then().statusCode(400).body("errors[0].field", equalTo("deleted"));
        given().get("/api/v1/groups?limit=1.5").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        String group = Api.createGroup("Params");
        given().get("/api/v1/groups/" + group + "/members?limit=x").then().statusCode(400);
        String app = Api.createApplication("Params");
        given().get("/api/v1/applications?limit=x").then().statusCode(400);
        given().get("/api/v1/applications/" + app + "/appRoleAssignments?principalId=nobody").then()
                .statusCode(400).body("errors[0].field", equalTo("principalId"));
        String user = Api.createUser("params");
        given().delete("/api/v1/users/" + user + "?permanent=definitely").then().statusCode(400)
                .body("errors[0].field", equalTo("permanent"));
        given().get("/api/v1/users/" + user).then().statusCode(200);
    }

    @Test
    void anonymousCallersGet401BeforeAnyContentNegotiationOrRouting() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(root.resolve("/api/v1/users"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(401);
        HttpResponse<String> unknownPath = http.send(HttpRequest.newBuilder(root.resolve("/api/v1/nothing-here"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownPath.statusCode()).isEqualTo(401);
        given().contentType("text/plain").body("hello").post("/api/v1/users").then().statusCode(415);
    }

    @Test
    void refusesAUserBeyondTheSizeLimitsWith422NamingTheField() {
        String id = Api.createUser("limits", Map.of("extensionAttributes", Map.of("extension_a_keep", "kept")));
        StringBuilder many = new StringBuilder("{\"extensionAttributes\":{");
        for (int i = 0; i < 60_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"extension_a_n").append(i).append("\":").append(i);
        }
        patch("/api/v1/users/" + id, many.append("}}").toString()).statusCode(422).contentType(PROBLEM)
                .body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("extensionAttributes"))
                .body("errors[0].reason", containsString("at most 100"));
        patch("/api/v1/users/" + id, "{\"extensionAttributes\":{\"extension_a_s\":\"" + "x".repeat(1025) + "\"}}")
                .statusCode(422).body("errors[0].field", equalTo("extensionAttributes.extension_a_s"));
        StringBuilder large = new StringBuilder("{\"extensionAttributes\":{");
        for (int i = 0; i < 70; i++) {
            large.append(i == 0 ? "" : ",").append("\"extension_a_t").append(i).append("\":\"")
                    .append("\u00e9".repeat(1000)).append('"');
        }
        patch("/api/v1/users/" + id, large.append("}}").toString()).statusCode(422)
                .body("errors[0].field", equalTo("extensionAttributes"))
                .body("errors[0].reason", containsString("65536"));
        patch("/api/v1/users/" + id, "{\"displayName\":\"" + "x".repeat(257) + "\"}").statusCode(422)
                .body("errors[0].field", equalTo("displayName"));
        given().get("/api/v1/users/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("extensionAttributes", equalTo(Map.of("extension_a_keep", "kept")));

        StringBuilder roles = new StringBuilder("{\"displayName\":\"Many roles\",\"appRoles\":[");
        for (int i = 0; i < 101; i++) {
            roles.append(i == 0 ? "" : ",").append("{\"value\":\"r").append(i).append("\",\"displayName\":\"R\"}");
        }
        post("/api/v1/applications", roles.append("]}").toString()).statusCode(422)
                .body("errors[0].field", equalTo("appRoles"));
        post("/api/v1/users", "{\"displayName\":\"" + "x".repeat(5_000_000) + "\"}").statusCode(413)
                .contentType(PROBLEM);
    }

    private List<String> userIds(String prefix) {
        return given().queryParam("displayNameStartsWith", prefix).get("/api/v1/users").then().statusCode(200)
                .extract().path("items.id");
    }

    private static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json.getBytes(StandardCharsets.UTF_8)).post(path).then();
    }

    private static ValidatableResponse patch(String path, String json) {
        return given().contentType(ContentType.JSON).body(json.getBytes(StandardCharsets.UTF_8)).patch(path).then();
    }

    private long usersNamed(String upn) {
        return database.preparedQuery("select count(*) from app_user where lower(user_principal_name) = lower($1)")
                .execute(Tuple.of(upn)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
