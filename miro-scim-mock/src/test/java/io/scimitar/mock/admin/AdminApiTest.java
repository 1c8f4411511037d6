package io.scimitar.mock.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.makeAdmin;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.seedTeam;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AdminApiTest {

    @BeforeEach
    void cleanState() {
        reset();
    }

    @Test
    void seedsTeamsThatScimCanThenFindByName() {
        Response seeded = given().contentType("application/json").body("{\"displayName\":\"Sales\"}").post("/admin/teams");

        assertThat(seeded.statusCode()).isEqualTo(201);
        String id = seeded.path("id");
        assertThat(scim().queryParam("filter", "displayName eq \"Sales\"").get(GROUPS).<String>path("Resources[0].id")).isEqualTo(id);
        given().contentType("application/json").body("{\"displayName\":\"sales\"}").post("/admin/teams").then().statusCode(409);
        given().contentType("application/json").body("{}").post("/admin/teams").then().statusCode(400);
    }

    @Test
    void seedsTeamWithMembersAndRoles() {
        String ada = createUser("ada@example.com");

        Response seeded = given().contentType("application/json")
                .body("{\"displayName\":\"Ops\",\"members\":{\"" + ada + "\":\"ADMIN\"}}").post("/admin/teams");

        assertThat(seeded.<String>path("members[0].userId")).isEqualTo(ada);
        assertThat(seeded.<String>path("members[0].role")).isEqualTo("ADMIN");
    }

    @Test
    void exportsTheWholeState() {
        String ada = createUser("ada@example.com");
        String team = seedTeam("Ops");
        makeAdmin(team, ada);

        Response state = given().get("/admin/state");

        assertThat(state.<String>path("defaultTeamId")).isEqualTo(DEFAULT_TEAM_ID);
        assertThat(state.<String>path("users[0].userName")).isEqualTo("ada@example.com");
        assertThat(state.jsonPath().getList("users[0].groups.value")).containsExactly(DEFAULT_TEAM_ID, team);
        assertThat(state.jsonPath().getList("teams.displayName")).containsExactly("Default team", "Ops");
        assertThat(state.<String>path("teams[1].members[0].role")).isEqualTo("ADMIN");
    }

    @Test
    void countsRequestsPerEndpointClassAndStatus() {
        createUser("ada@example.com");
        scim().get(USERS + "/nope");
        given().get(USERS);

        Response counters = given().get("/admin/counters");

        assertThat(counters.<Integer>path("USERS_CREATE.'201'")).isEqualTo(1);
        assertThat(counters.<Integer>path("USERS_GET.'404'")).isEqualTo(1);
        assertThat(counters.<Integer>path("USERS_LIST.'401'")).isEqualTo(1);
        given().delete("/admin/counters").then().statusCode(204);
        assertThat(given().get("/admin/counters").asString()).isEqualTo("{}");
    }

    @Test
    void resetClearsUsersTeamsAndSettings() {
        createUser("ada@example.com");
        seedTeam("Ops");
        given().contentType("application/json").body("{\"scimEnabled\":false,\"allowedDomains\":[\"x.org\"]}").put("/admin/settings")
                .then().statusCode(200);

        reset();

        assertThat(scim().get(USERS).<Integer>path("totalResults")).isZero();
        assertThat(scim().get(GROUPS).jsonPath().getList("Resources.id")).containsExactly(DEFAULT_TEAM_ID);
        assertThat(given().get("/admin/settings").<Boolean>path("scimEnabled")).isTrue();
        assertThat(given().get("/admin/settings").jsonPath().getList("allowedDomains")).contains("example.com");
    }

    @Test
    void changesAllowedDomainsAtRuntime() {
        given().contentType("application/json").body("{\"allowedDomains\":[]}").put("/admin/settings").then().statusCode(200);

        scim().body(io.scimitar.mock.ScimApi.userJson("eve@anywhere.org")).post(USERS).then().statusCode(201);
    }

    @Test
    void comparesUserNameCaseSensitivelyInFiltersWhenAskedAndStillRefusesTheDuplicate() {
        createUser("Mixed.Case@example.com");
        given().contentType("application/json").body("{\"userNameFilterCaseExact\":true}").put("/admin/settings")
                .then().statusCode(200);

        assertThat(scim().queryParam("filter", "userName eq \"mixed.case@example.com\"").get(USERS)
                .<Integer>path("totalResults")).isZero();
        assertThat(scim().queryParam("filter", "userName eq \"Mixed.Case@example.com\"").get(USERS)
                .<Integer>path("totalResults")).isEqualTo(1);
        scim().body(io.scimitar.mock.ScimApi.userJson("mixed.case@example.com")).post(USERS).then().statusCode(400);
        reset();
        assertThat(given().get("/admin/settings").<Boolean>path("userNameFilterCaseExact")).isFalse();
    }

    @Test
    void rejectsMalformedAdminRequests() {
        given().contentType("application/json").body("{oops").put("/admin/settings").then().statusCode(400);
        given().contentType("application/json").body("{\"role\":\"OWNER\"}").put("/admin/teams/" + DEFAULT_TEAM_ID + "/members/1")
                .then().statusCode(400);
        given().contentType("application/json").body("{\"role\":\"ADMIN\"}").put("/admin/teams/" + DEFAULT_TEAM_ID + "/members/1")
                .then().statusCode(404);
    }

    @Test
    void answersAdminErrorsAsProblemJsonAndScimErrorsInTheScimSchema() {
        Response conflict = given().contentType("application/json").body("{\"displayName\":\"Default team\"}").post("/admin/teams");
        assertProblem(conflict, 409, "/admin/teams");
        assertThat(conflict.<String>path("detail")).contains("already exists");
        assertProblem(given().contentType("application/json").body("{oops").put("/admin/settings"), 400, "/admin/settings");
        assertProblem(given().contentType("application/json").body("{\"groupModel\":\"projects\"}").put("/admin/settings"),
                400, "/admin/settings");
        assertProblem(given().contentType("application/json").body("{\"role\":\"ADMIN\"}")
                .put("/admin/teams/" + DEFAULT_TEAM_ID + "/members/1"), 404, "/admin/teams/" + DEFAULT_TEAM_ID + "/members/1");
        assertProblem(given().post("/admin/snapshot"), 409, "/admin/snapshot");
        assertProblem(given().contentType("text/plain").body("x").put("/admin/settings"), 415, "/admin/settings");

        io.scimitar.mock.ScimApi.assertScimError(scim().get(USERS + "/42"), 404, null);
    }

    @Test
    void rejectsNegativeBudgetsAndChangesNothing() {
        Response before = given().get("/admin/settings");

        Response negative = given().contentType("application/json")
                .body("{\"groupModel\":\"user-groups\",\"rateLimitBudgets\":{\"USERS_GET\":-1}}").put("/admin/settings");

        assertProblem(negative, 400, "/admin/settings");
        assertThat(negative.<String>path("detail")).contains("USERS_GET");
        assertThat(given().get("/admin/settings").asString()).isEqualTo(before.asString());
        assertProblem(given().contentType("application/json").body("{\"rateLimitBudgets\":{\"USERS_GET\":null}}")
                .put("/admin/settings"), 400, "/admin/settings");
        assertProblem(given().contentType("application/json").body("{\"maxUsers\":-5}").put("/admin/settings"),
                400, "/admin/settings");
        Response unknown = given().contentType("application/json").body("{\"scimEnabld\":false}").put("/admin/settings");
        assertProblem(unknown, 400, "/admin/settings");
        assertThat(unknown.<String>path("detail")).contains("scimEnabld").doesNotContain("io.scimitar").doesNotContain("class");
        assertThat(given().get("/admin/settings").asString()).isEqualTo(before.asString());
    }

    @Test
    void rejectsFaultRulesWithUnknownFieldsOrOutOfRangeValuesAndKeepsTheRules() {
        given().contentType("application/json").body("[{\"endpoint\":\"USERS_GET\",\"failNext\":1}]").put("/admin/faults")
                .then().statusCode(200);

        Response unknown = given().contentType("application/json").body("[{\"foo\":1}]").put("/admin/faults");
        assertProblem(unknown, 400, "/admin/faults");
        assertThat(unknown.<String>path("detail")).contains("'[0].foo'").doesNotContain("io.scimitar");
        Response latency = given().contentType("application/json").body("{\"latencyMs\":99999999999}").post("/admin/faults");
        assertProblem(latency, 400, "/admin/faults");
        assertThat(latency.<String>path("detail")).contains("latencyMs");
        assertProblem(given().contentType("application/json").body("[{\"timeoutMs\":-1}]").put("/admin/faults"), 400, "/admin/faults");
        assertProblem(given().contentType("application/json").body("[null]").put("/admin/faults"), 400, "/admin/faults");
        assertProblem(given().contentType("application/json").body("{\"endpoint\":\"USERS_NOPE\"}").post("/admin/faults"),
                400, "/admin/faults");

        List<Map<String, Object>> rules = given().get("/admin/faults").jsonPath().getList("");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0)).containsEntry("endpoint", "USERS_GET").containsEntry("failNext", 1);
    }

    @Test
    void refusesTeamsBeyondTheConfiguredCapacity() {
        given().contentType("application/json").body("{\"maxGroups\":2}").put("/admin/settings").then().statusCode(200);
        given().contentType("application/json").body("{\"displayName\":\"Sales\"}").post("/admin/teams").then().statusCode(201);

        Response full = given().contentType("application/json").body("{\"displayName\":\"Marketing\"}").post("/admin/teams");

        assertProblem(full, 507, "/admin/teams");
        assertThat(full.<String>path("detail")).contains("miro-mock.limits.max-groups");
        assertThat(given().get("/admin/teams").jsonPath().getList("displayName")).containsExactlyInAnyOrder("Default team", "Sales");
    }

    static void assertProblem(Response response, int status, String instance) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo("about:blank");
        assertThat(response.<String>path("title")).isNotBlank();
        assertThat(response.<Integer>path("status")).isEqualTo(status);
        assertThat(response.<String>path("detail")).isNotBlank().doesNotContain("Exception");
        assertThat(response.<String>path("instance")).isEqualTo(instance);
        assertThat(response.<Object>path("schemas")).isNull();
    }
}
