package io.scimitar.mock.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.makeAdmin;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.seedTeam;
import static io.scimitar.mock.ScimApi.userJson;
import static io.scimitar.mock.admin.AdminApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's user and team-member changes, as an administrator makes them in Miro's own UI: the state changes
 * with Miro's invariants kept (ids, lastModified, teams), and no SCIM request is counted, throttled or faulted.
 */
@QuarkusTest
class AdminUserChangesTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @BeforeEach
    void cleanState() {
        reset();
    }

    @Test
    void editsAUsersAttributesAsAMergePatchWithoutAScimRequest() {
        String ada = createUser("ada@example.com");
        Response before = given().get("/admin/users/" + ada);
        given().delete("/admin/counters").then().statusCode(204);

        Response edited = edit(ada, "{\"displayName\":\"Edited in Miro\",\"NAME\":{\"familyName\":\"Changed\"},"
                + "\"title\":\"Lead\"}");

        assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);
        assertThat(edited.contentType()).startsWith("application/json");
        assertThat(edited.<String>path("id")).isEqualTo(ada);
        assertThat(edited.<String>path("displayName")).isEqualTo("Edited in Miro");
        assertThat(edited.<String>path("name.givenName")).isEqualTo("Given");
        assertThat(edited.<String>path("name.familyName")).isEqualTo("Changed");
        assertThat(edited.<String>path("meta.created")).isEqualTo(before.path("meta.created"));
        assertThat(Instant.parse(edited.path("meta.lastModified")))
                .isAfter(Instant.parse(before.path("meta.lastModified")));
        assertThat(edited.jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID);
        assertThat(given().get("/admin/counters").asString()).isEqualTo("{}");

        Response removed = edit(ada, "{\"title\":null}");
        assertThat(removed.<String>path("title")).isNull();
        Response overScim = scim().get(USERS + "/" + ada);
        assertThat(overScim.<String>path("displayName")).isEqualTo("Edited in Miro");
        assertThat(overScim.<String>path("meta.lastModified")).isEqualTo(removed.path("meta.lastModified"));
        assertThat(overScim.<String>path("title")).isNull();
    }

    @Test
    void deactivatesAndReactivatesAUser() {
        String ada = createUser("ada@example.com");

        assertThat(edit(ada, "{\"active\":false}").<Boolean>path("active")).isFalse();
        assertThat(scim().get(USERS + "/" + ada).<Boolean>path("active")).isFalse();
        assertThat(scim().queryParam("filter", "active eq false").get(USERS).jsonPath().getList("Resources.id"))
                .containsExactly(ada);

        assertThat(edit(ada, "{\"active\":true}").<Boolean>path("active")).isTrue();
        assertThat(scim().get(USERS + "/" + ada).<Boolean>path("active")).isTrue();
    }

    @Test
    void addsAUserWithANewIdThatJoinsTheDefaultTeam() {
        String ada = createUser("ada@example.com");
        given().delete("/admin/counters").then().statusCode(204);

        Response added = json().body("{\"userName\":\"eve@example.com\",\"displayName\":\"Eve\"}").post("/admin/users");

        assertThat(added.statusCode()).as(added.asString()).isEqualTo(201);
        String eve = added.path("id");
        assertThat(Long.parseLong(eve)).isGreaterThan(Long.parseLong(ada));
        assertThat(added.header("Location")).endsWith("/admin/users/" + eve);
        assertThat(added.<Boolean>path("active")).isTrue();
        assertThat(added.jsonPath().getList("emails.value")).containsExactly("eve@example.com");
        assertThat(added.jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID);
        assertThat(given().get("/admin/counters").asString()).isEqualTo("{}");
        assertThat(scim().queryParam("filter", "userName eq \"EVE@example.com\"").get(USERS)
                .jsonPath().getList("Resources.id")).containsExactly(eve);
        assertThat(given().get("/admin/teams").jsonPath().getList("find { it.id == '" + DEFAULT_TEAM_ID
                + "' }.members.userId")).containsExactly(ada, eve);

        Response duplicate = json().body("{\"userName\":\"Eve@Example.com\"}").post("/admin/users");
        assertProblem(duplicate, 400, "/admin/users");
        assertThat(duplicate.<String>path("detail")).contains("not unique");
        assertProblem(json().body("{\"userName\":\"mallory@elsewhere.org\"}").post("/admin/users"), 409, "/admin/users");
        assertThat(scim().get(USERS).<Integer>path("totalResults")).isEqualTo(2);
    }

    @Test
    void deletesAUserFromTheOrganisationAndEveryTeam() {
        String ada = createUser("ada@example.com");
        String bob = createUser("bob@example.com");
        String ops = seedTeam("Ops");
        makeAdmin(ops, bob);
        json().body("{\"role\":\"MEMBER\"}").put("/admin/teams/" + ops + "/members/" + ada).then().statusCode(200);
        String opsModified = scim().get(GROUPS + "/" + ops).path("meta.lastModified");

        given().delete("/admin/users/" + ada).then().statusCode(204);

        assertThat(scim().get(USERS + "/" + ada).statusCode()).isEqualTo(404);
        Response team = scim().get(GROUPS + "/" + ops);
        assertThat(team.jsonPath().getList("members.value")).containsExactly(bob);
        assertThat(Instant.parse(team.path("meta.lastModified"))).isAfter(Instant.parse(opsModified));
        assertThat(scim().get(GROUPS + "/" + DEFAULT_TEAM_ID).jsonPath().getList("members.value")).containsExactly(bob);
        String again = createUser("ada@example.com");
        assertThat(again).isNotEqualTo(ada);
        assertProblem(given().delete("/admin/users/" + ada), 404, "/admin/users/" + ada);

        Response lastAdmin = given().delete("/admin/users/" + bob);
        assertProblem(lastAdmin, 409, "/admin/users/" + bob);
        assertThat(lastAdmin.<String>path("detail")).contains("last admin");
        assertThat(scim().get(USERS + "/" + bob).statusCode()).isEqualTo(200);
    }

    @Test
    void removesAndAddsTeamMembers() {
        String ada = createUser("ada@example.com");
        String bob = createUser("bob@example.com");
        String ops = seedTeam("Ops");
        makeAdmin(ops, bob);
        json().body("{\"role\":\"MEMBER\"}").put("/admin/teams/" + ops + "/members/" + ada).then().statusCode(200);
        given().delete("/admin/counters").then().statusCode(204);

        Response removed = given().delete("/admin/teams/" + ops + "/members/" + ada);

        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(removed.jsonPath().getList("members.userId")).containsExactly(bob);
        assertThat(scim().get(GROUPS + "/" + ops).jsonPath().getList("members.value")).containsExactly(bob);
        assertThat(scim().get(USERS + "/" + ada).jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID);
        assertProblem(given().delete("/admin/teams/" + ops + "/members/" + ada), 404,
                "/admin/teams/" + ops + "/members/" + ada);
        Response lastAdmin = given().delete("/admin/teams/" + ops + "/members/" + bob);
        assertProblem(lastAdmin, 409, "/admin/teams/" + ops + "/members/" + bob);
        assertThat(scim().get(GROUPS + "/" + ops).jsonPath().getList("members.value")).containsExactly(bob);

        json().body("{\"role\":\"MEMBER\"}").put("/admin/teams/" + ops + "/members/" + ada).then().statusCode(200);
        assertThat(scim().get(USERS + "/" + ada).jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID, ops);
        assertThat(given().get("/admin/counters").jsonPath().getMap("")).containsOnlyKeys("USERS_GET", "GROUPS_GET");
    }

    @Test
    void spendsNoRateLimitBudgetAndMeetsNoInjectedFault() {
        String ada = createUser("ada@example.com");
        String ops = seedTeam("Ops");
        json().body("{\"role\":\"MEMBER\"}").put("/admin/teams/" + ops + "/members/" + ada).then().statusCode(200);
        json().body("{\"rateLimitsEnabled\":true,\"rateLimitBudgets\":{\"USERS_CREATE\":0,\"USERS_PATCH\":0,"
                + "\"USERS_DELETE\":0,\"GROUPS_PATCH\":0}}").put("/admin/settings").then().statusCode(200);
        json().body("[{\"endpoint\":\"USERS_GET\",\"errorRate\":1.0}]").put("/admin/faults").then().statusCode(200);
        given().delete("/admin/counters").then().statusCode(204);

        edit(ada, "{\"displayName\":\"Edited\"}").then().statusCode(200);
        given().get("/admin/users/" + ada).then().statusCode(200);
        given().delete("/admin/teams/" + ops + "/members/" + ada).then().statusCode(200);
        String eve = json().body("{\"userName\":\"eve@example.com\"}").post("/admin/users").then().statusCode(201)
                .extract().path("id");
        given().delete("/admin/users/" + ada).then().statusCode(204);

        assertThat(given().get("/admin/counters").asString()).isEqualTo("{}");
        assertThat(scim().body(userJson("zed@example.com")).post(USERS).statusCode()).isEqualTo(429);
        assertThat(scim().get(USERS + "/" + eve).statusCode()).isEqualTo(500);
    }

    @Test
    void refusesBadEditsAndChangesNothing() {
        String ada = createUser("ada@example.com");
        createUser("bob@example.com");
        String before = given().get("/admin/users/" + ada).asString();
        String path = "/admin/users/" + ada;

        for (String field : new String[] {"id", "meta", "groups", "schemas"}) {
            Response fixed = edit(ada, "{\"" + field + "\":[]}");
            assertProblem(fixed, 400, path);
            assertThat(fixed.<String>path("detail")).contains("'" + field + "'");
        }
        Response notAnEmail = edit(ada, "{\"userName\":\"not-an-email\"}");
        assertProblem(notAnEmail, 400, path);
        assertThat(notAnEmail.<String>path("detail")).contains("not an email");
        assertProblem(edit(ada, "{\"userName\":\"BOB@example.com\"}"), 400, path);
        assertProblem(edit(ada, "{\"displayName\":\"" + "x".repeat(61) + "\"}"), 400, path);
        assertProblem(edit(ada, "{\"nickname\":{\"nested\":1},\"favouriteColour\":\"red\"}"), 400, path);
        assertProblem(edit(ada, "{oops"), 400, path);
        assertProblem(given().contentType("text/plain").body("x").patch(path), 415, path);
        assertProblem(edit("42", "{\"displayName\":\"x\"}"), 404, "/admin/users/42");
        assertProblem(given().delete("/admin/teams/42/members/" + ada), 404, "/admin/teams/42/members/" + ada);

        assertThat(given().get("/admin/users/" + ada).asString()).isEqualTo(before);
    }

    private static Response edit(String id, String mergePatch) {
        return given().contentType(MERGE_PATCH).body(mergePatch).patch("/admin/users/" + id);
    }

    private static RequestSpecification json() {
        return given().contentType("application/json");
    }
}
