package io.scimitar.assignment.importing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Import rows obey the same input rules as the REST API, and replace versus merge is the caller's explicit choice. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ImportStrictnessTest {

    @Test
    void aLineHoldingTwoObjectsFailsWhileItsNeighboursGoIn() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Response response = importRows("users", "",
                row("a", run, "A"),
                row("b", run, "B") + row("c", run, "C"),
                row("d", run, "D"));
        response.then().statusCode(200).body("results.status", equalTo(List.of("created", "rejected", "created")))
                .body("results[1].errors[0].reason", containsString("single JSON value"));
        given().queryParam("userPrincipalName", "b-" + run + "@contoso.com").get("/api/v1/users").then()
                .body("items", equalTo(List.of()));
        given().queryParam("userPrincipalName", "c-" + run + "@contoso.com").get("/api/v1/users").then()
                .body("items", equalTo(List.of()));
    }

    @Test
    void rowsBreakingTheInputRulesFailNamingTheFieldWhileTheOthersGoIn() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder extensions = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            extensions.append(i == 0 ? "" : ",").append("\"extension_a_n").append(i).append("\":").append(i);
        }
        Response response = importRows("users", "",
                row("ok", run, "OK"),
                "{\"userPrincipalName\":\"nul-" + run + "@contoso.com\",\"displayName\":\"a\\u0000b\"}",
                "{\"userPrincipalName\":\"sur-" + run + "@contoso.com\",\"displayName\":\"\\ud800\"}",
                "{\"userPrincipalName\":\"typ-" + run + "@contoso.com\",\"displayName\":true}",
                "{\"userPrincipalName\":\"ext-" + run + "@contoso.com\",\"displayName\":\"E\",\"extensionAttributes\":{"
                        + extensions + "}}",
                row("ok2", run, "OK 2"));
        response.then().statusCode(200)
                .body("results.status", equalTo(List.of("created", "rejected", "rejected", "rejected", "rejected",
                        "created")))
                .body("results[1].errors[0].field", equalTo("displayName"))
                .body("results[2].errors[0].field", equalTo("displayName"))
                .body("results[3].errors[0].field", equalTo("displayName"))
                .body("results[4].errors[0].field", equalTo("extensionAttributes"));
        String csv = "userPrincipalName,displayName,city\n"
                + "csv1-" + run + "@contoso.com,One,\u0000\n"
                + "csv2-" + run + "@contoso.com,Two,London\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/users")
                .then().statusCode(200).body("results.status", equalTo(List.of("rejected", "created")))
                .body("results[0].errors[0].field", equalTo("city"));
    }

    @Test
    void aUserRowMergesByDefaultAndReplacesWhenAsked() {
        String upn = Api.uniqueUpn("merge");
        String id = Api.createUser("merge", Map.of("userPrincipalName", upn, "jobTitle", "Engineer"));
        importRows("users", "", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Merged\"}").then()
                .statusCode(200).body("results[0].status", equalTo("updated"));
        given().get("/api/v1/users/" + id).then().body("displayName", equalTo("Merged"))
                .body("jobTitle", equalTo("Engineer")).body("department", equalTo("R&D"));
        importRows("users", "?mode=merge", "{\"id\":\"" + id + "\",\"department\":\"Sales\"}").then()
                .statusCode(200).body("results[0].status", equalTo("updated"));
        given().get("/api/v1/users/" + id).then().body("displayName", equalTo("Merged"))
                .body("department", equalTo("Sales")).body("userPrincipalName", equalTo(upn));
        importRows("users", "?mode=merge", "{\"id\":\"" + id + "\",\"displayName\":null}").then()
                .body("results[0].status", equalTo("rejected")).body("results[0].errors[0].field",
                        equalTo("displayName"));

        importRows("users", "?mode=replace", "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"Replaced\"}")
                .then().statusCode(200).body("results[0].status", equalTo("updated"));
        given().get("/api/v1/users/" + id).then().body("displayName", equalTo("Replaced"))
                .body("jobTitle", nullValue()).body("department", nullValue());
        importRows("users", "?mode=replace", "{\"id\":\"" + id + "\",\"department\":\"Sales\"}").then()
                .body("results[0].status", equalTo("rejected"));
    }

    @Test
    void aGroupRowMergesByDefaultAndReplacesWhenAsked() {
        String id = UUID.randomUUID().toString();
        importRows("groups", "", "{\"id\":\"" + id + "\",\"displayName\":\"G\",\"description\":\"Kept\"}").then()
                .body("results[0].status", equalTo("created"));
        importRows("groups", "", "{\"id\":\"" + id + "\",\"displayName\":\"G2\"}").then()
                .body("results[0].status", equalTo("updated"));
        given().get("/api/v1/groups/" + id).then().body("displayName", equalTo("G2"))
                .body("description", equalTo("Kept"));
        importRows("groups", "?mode=replace", "{\"id\":\"" + id + "\",\"displayName\":\"G3\"}").then()
                .body("results[0].status", equalTo("updated"));
        given().get("/api/v1/groups/" + id).then().body("displayName", equalTo("G3"))
                .body("description", nullValue());
    }

    @Test
    void refusesAnUnknownModeOrAModeForRowsWithoutFields() {
        importRows("users", "?mode=upsert", row("mode", "x", "M")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("mode"));
        importRows("memberships", "?mode=replace", "{}").then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
    }

    private static String row(String alias, String run, String displayName) {
        return "{\"userPrincipalName\":\"" + alias + "-" + run + "@contoso.com\",\"displayName\":\"" + displayName
                + "\"}";
    }

    private static Response importRows(String kind, String query, String... lines) {
        return given().contentType("application/x-ndjson")
                .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/" + kind + query);
    }
}
