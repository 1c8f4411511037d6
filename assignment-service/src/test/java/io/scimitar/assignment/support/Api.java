package io.scimitar.assignment.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small factories for directory objects, through the REST API, for tests. */
public final class Api {

    private Api() {
    }

    public static String uniqueUpn(String alias) {
        return alias + "-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.com";
    }

    /** An application that publishes assigned objects only, with one extra role "Admin". */
    public static String createApplication(String name) {
        return createApplication(name, false);
    }

    public static String createApplication(String name, boolean publishUnassigned) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "publishUnassigned", publishUnassigned,
                        "appRoles", List.of(Map.of("value", "Admin", "displayName", "Administrator"))))
                .post("/api/v1/applications").then().statusCode(201).extract().path("id");
    }

    public static String roleId(String applicationId, String value) {
        List<Map<String, Object>> roles = given().get("/api/v1/applications/" + applicationId).then()
                .statusCode(200).extract().path("appRoles");
        return roles.stream().filter(r -> value.equals(r.get("value"))).map(r -> (String) r.get("id")).findFirst()
                .orElseThrow();
    }

    public static String createUser(String alias) {
        return createUser(alias, Map.of());
    }

    public static String createUser(String alias, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("userPrincipalName", uniqueUpn(alias),
                "displayName", alias, "mail", alias + "@contoso.com", "givenName", alias, "department", "R&D"));
        body.putAll(extra);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/users").then().statusCode(201)
                .extract().path("id");
    }

    public static ValidatableResponse patchUser(String id, Map<String, Object> patch) {
        return given().contentType(ContentType.JSON).body(patch).patch("/api/v1/users/" + id).then();
    }

    public static String createGroup(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("displayName", name, "securityEnabled", true))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
    }

    public static void addMember(String groupId, String memberId) {
        given().contentType(ContentType.JSON).body(Map.of("id", memberId))
                .post("/api/v1/groups/" + groupId + "/members").then().statusCode(201);
    }

    public static void removeMember(String groupId, String memberId) {
        given().delete("/api/v1/groups/" + groupId + "/members/" + memberId).then().statusCode(204);
    }

    /** Assigns with Default Access; returns the assignment id. */
    public static String assign(String applicationId, String principalId) {
        return given().contentType(ContentType.JSON).body(Map.of("principalId", principalId))
                .post("/api/v1/applications/" + applicationId + "/appRoleAssignments").then().statusCode(201)
                .extract().path("id");
    }

    public static String assign(String applicationId, String principalId, String appRoleId) {
        return given().contentType(ContentType.JSON).body(Map.of("principalId", principalId, "appRoleId", appRoleId))
                .post("/api/v1/applications/" + applicationId + "/appRoleAssignments").then().statusCode(201)
                .extract().path("id");
    }

    public static void unassign(String applicationId, String assignmentId) {
        given().delete("/api/v1/applications/" + applicationId + "/appRoleAssignments/" + assignmentId).then()
                .statusCode(204);
    }
}
