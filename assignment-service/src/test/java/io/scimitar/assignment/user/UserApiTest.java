package io.scimitar.assignment.user;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class UserApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool database;

    @Test
    void createsReadsAndListsAUserWithEveryAttribute() {
        String manager = Api.createUser("boss");
        String upn = Api.uniqueUpn("ada");
        Map<String, Object> body = Map.ofEntries(Map.entry("userPrincipalName", upn),
                Map.entry("displayName", "Ada Lovelace"), Map.entry("mail", "ada@contoso.com"),
                Map.entry("mailNickname", "ada"), Map.entry("givenName", "Ada"), Map.entry("surname", "Lovelace"),
                Map.entry("jobTitle", "Engineer"), Map.entry("department", "R&D"), Map.entry("companyName", "Contoso"),
                Map.entry("employeeId", "E-1"), Map.entry("employeeType", "Employee"),
                Map.entry("officeLocation", "B1"), Map.entry("city", "London"), Map.entry("country", "UK"),
                Map.entry("usageLocation", "GB"), Map.entry("mobilePhone", "+44 1"),
                Map.entry("businessPhones", List.of("+44 2")), Map.entry("preferredLanguage", "en-GB"),
                Map.entry("accountEnabled", true), Map.entry("managerId", manager),
                Map.entry("extensionAttributes", Map.of("extension_3fe4_costCenter", "CC-42",
                        "extension_3fe4_level", 7, "extension_3fe4_skills", List.of("java", "kafka"))));
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/users").then().statusCode(201)
                .header("Location", containsString("/api/v1/users/")).header("ETag", "\"1\"")
                .body("createdDateTime", notNullValue()).extract().path("id");

        given().get("/api/v1/users/" + id).then().statusCode(200)
                .body("userPrincipalName", equalTo(upn))
                .body("managerId", equalTo(manager))
                .body("extensionAttributes.extension_3fe4_level", equalTo(7))
                .body("extensionAttributes.extension_3fe4_skills", equalTo(List.of("java", "kafka")))
                .body("businessPhones", equalTo(List.of("+44 2")))
                .body("deletedDateTime", nullValue());
        given().queryParam("userPrincipalName", upn.toUpperCase()).get("/api/v1/users").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
    }

    @Test
    void pagesThroughUsersWithACursor() {
        String department = "Paging-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Api.createUser("pager" + i, Map.of("department", department));
        }
        List<String> first = given().queryParam("department", department).queryParam("limit", 3)
                .get("/api/v1/users").then().statusCode(200).body("nextCursor", notNullValue())
                .extract().path("items.id");
        String cursor = given().queryParam("department", department).queryParam("limit", 3)
                .get("/api/v1/users").then().extract().path("nextCursor");
        List<String> second = given().queryParam("department", department).queryParam("limit", 3)
                .queryParam("after", cursor).get("/api/v1/users").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().path("items.id");
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndBumpsTheETag() {
        String id = Api.createUser("patchy");
        given().contentType(ContentType.JSON).body(Map.of("jobTitle", "Architect")).header("If-Match", "\"1\"")
                .patch("/api/v1/users/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("jobTitle", equalTo("Architect")).body("department", equalTo("R&D"));
        given().contentType(ContentType.JSON).body(Map.of("jobTitle", "Lead")).header("If-Match", "\"1\"")
                .patch("/api/v1/users/" + id).then().statusCode(412).contentType(PROBLEM)
                .body("status", equalTo(412)).body("title", equalTo("Precondition failed"));
        given().get("/api/v1/users/" + id).then().body("jobTitle", equalTo("Architect"));
    }

    @Test
    void rejectsAnInvalidUserPrincipalNameAndEmailNamingTheFields() {
        long before = userCount();
        given().contentType(ContentType.JSON)
                .body(Map.of("userPrincipalName", "not an upn", "displayName", "X", "mail", "nope@"))
                .post("/api/v1/users").then().statusCode(422).contentType(PROBLEM)
                .body("type", containsString("validation"))
                .body("title", equalTo("Invalid input"))
                .body("status", equalTo(422))
                .body("detail", containsString("userPrincipalName"))
                .body("errors.field", hasItem("userPrincipalName"))
                .body("errors.field", hasItem("mail"));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void rejectsMalformedJsonAndUnknownFields() {
        long before = userCount();
        given().contentType(ContentType.JSON).body("{\"userPrincipalName\": \"a@b.com\",")
                .post("/api/v1/users").then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed request"));
        given().contentType(ContentType.JSON)
                .body(Map.of("userPrincipalName", Api.uniqueUpn("x"), "displayName", "X", "favouriteColour", "red"))
                .post("/api/v1/users").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("favouriteColour"));
        given().contentType(ContentType.JSON)
                .body(Map.of("userPrincipalName", Api.uniqueUpn("x"), "displayName", "X", "accountEnabled", "maybe"))
                .post("/api/v1/users").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("accountEnabled"));
        String id = Api.createUser("strict");
        Api.patchUser(id, Map.of("nickname", "z")).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("nickname"));
        Api.patchUser(id, Map.of("id", "00000000-0000-4000-8000-000000000000")).statusCode(400);
        assertThat(userCount()).isEqualTo(before + 1);
    }

    @Test
    void rejectsADanglingManagerAndADuplicatePrincipalName() {
        String upn = Api.uniqueUpn("dup");
        given().contentType(ContentType.JSON).body(Map.of("userPrincipalName", upn, "displayName", "D"))
                .post("/api/v1/users").then().statusCode(201);
        long before = userCount();
        given().contentType(ContentType.JSON).body(Map.of("userPrincipalName", upn.toUpperCase(), "displayName", "D"))
                .post("/api/v1/users").then().statusCode(409).contentType(PROBLEM)
                .body("errors[0].field", equalTo("userPrincipalName"));
        given().contentType(ContentType.JSON).body(Map.of("userPrincipalName", Api.uniqueUpn("orphan"),
                        "displayName", "O", "managerId", "5b0f2a7e-9c1d-4e8f-a6b3-2d4c6e8f0a1b"))
                .post("/api/v1/users").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("managerId"));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void softDeletesRestoresAndHardDeletes() {
        String id = Api.createUser("phoenix");
        given().delete("/api/v1/users/" + id).then().statusCode(204);
        given().get("/api/v1/users/" + id).then().statusCode(200).body("deletedDateTime", notNullValue());
        given().queryParam("deleted", true).queryParam("limit", 1000).get("/api/v1/users").then()
                .body("items.id", hasItem(id));
        given().post("/api/v1/users/" + id + "/restore").then().statusCode(200).body("deletedDateTime", nullValue());
        given().queryParam("permanent", true).delete("/api/v1/users/" + id).then().statusCode(204);
        given().get("/api/v1/users/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("title", equalTo("Not found"));
    }

    private long userCount() {
        return database.query("select count(*) from app_user").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
