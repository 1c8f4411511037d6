package io.scimitar.mock.team;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.makeAdmin;
import static io.scimitar.mock.ScimApi.patchOp;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.seedTeam;
import static org.assertj.core.api.Assertions.assertThat;

/** Miro's new group model ({@code groupModel=user-groups}): SCIM Groups are user groups with full CRUD. */
@QuarkusTest
class UserGroupTest {

    private static final String GENERIC_CREATE = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","externalId":"%s",\
            "meta":{"resourceType":"Group"}}""";

    private String ada;
    private String bob;

    @BeforeEach
    void userGroupModel() {
        reset();
        ada = createUser("ada@example.com");
        settings("{\"groupModel\":\"user-groups\"}");
        bob = createUser("bob@example.com");
    }

    @AfterEach
    void restore() {
        reset();
    }

    private static Response settings(String json) {
        return given().contentType("application/json").body(json).put("/admin/settings");
    }

    private static Response createGroup(String displayName, String externalId) {
        return scim().body(GENERIC_CREATE.formatted(displayName, externalId)).post(GROUPS);
    }

    private static String groupId(String displayName) {
        Response created = createGroup(displayName, "ext-" + displayName);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("id");
    }

    private static Response patch(String groupId, String operations) {
        return scim().body(patchOp(operations)).patch(GROUPS + "/" + groupId);
    }

    @Test
    void switchesTheGroupModelThroughAdminSettingsAndResetRestoresTeams() {
        assertThat(given().get("/admin/settings").<String>path("groupModel")).isEqualTo("user-groups");

        reset();

        assertThat(given().get("/admin/settings").<String>path("groupModel")).isEqualTo("teams");
        assertScimError(createGroup("Sales", "1"), 405, null);
        assertThat(settings("{\"groupModel\":\"USER_GROUPS\"}").<String>path("groupModel")).isEqualTo("user-groups");
        assertThat(settings("{\"groupModel\":\"teams\"}").<String>path("groupModel")).isEqualTo("teams");
        assertThat(settings("{\"groupModel\":\"projects\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void runsTheGenericScimProfileLifecycle() {
        Response created = createGroup("Sales", "aad-42");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/scim+json");
        String id = created.path("id");
        assertThat(id).matches("\\d+");
        assertThat(created.header("Location")).isEqualTo("https://miro.com/api/v1/scim/Groups/" + id);
        assertThat(created.<String>path("displayName")).isEqualTo("Sales");
        assertThat(created.<String>path("externalId")).isEqualTo("aad-42");
        assertThat(created.<String>path("meta.resourceType")).isEqualTo("Group");
        assertThat(created.jsonPath().getList("members")).isEmpty();

        Response added = patch(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"},{\"value\":\""
                + bob + "\"}]}");
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(200);
        assertThat(added.jsonPath().getList("members.value")).containsExactly(ada, bob);

        Response removed = patch(id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ada + "\\\"]\"}");
        assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
        assertThat(removed.jsonPath().getList("members.value")).containsExactly(bob);

        Response renamed = patch(id, "{\"op\":\"replace\",\"value\":{\"displayName\":\"Sales EMEA\"}}");
        assertThat(renamed.statusCode()).as(renamed.asString()).isEqualTo(200);
        assertThat(renamed.<String>path("displayName")).isEqualTo("Sales EMEA");
        assertThat(renamed.<String>path("externalId")).isEqualTo("aad-42");
        assertThat(scim().queryParam("filter", "externalId eq \"aad-42\"").get(GROUPS).<Integer>path("totalResults")).isEqualTo(1);
        assertThat(scim().get(USERS + "/" + bob).jsonPath().getList("groups.value")).containsExactly(id);

        scim().delete(GROUPS + "/" + id).then().statusCode(204);

        assertScimError(scim().get(GROUPS + "/" + id), 404, null);
        assertScimError(scim().delete(GROUPS + "/" + id), 404, null);
        assertThat(scim().get(USERS + "/" + bob).<Object>path("groups")).isNull();
        assertThat(scim().get(USERS + "/" + bob).statusCode()).isEqualTo(200);
    }

    @Test
    void answers409UniquenessForADuplicateDisplayNameIgnoringCase() {
        String sales = groupId("Sales");
        String support = groupId("Support");

        assertScimError(createGroup("SALES", "x"), 409, "uniqueness");
        assertScimError(patch(support, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"sales\"}"), 409, "uniqueness");
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Sales\"}")
                .put(GROUPS + "/" + support), 409, "uniqueness");
        assertThat(scim().get(GROUPS + "/" + support).<String>path("displayName")).isEqualTo("Support");
        assertThat(patch(sales, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"sales\"}").<String>path("displayName"))
                .isEqualTo("sales");
    }

    @Test
    void createsWithMembersAndRejectsUnknownMembersBadSchemasAndMissingNames() {
        Response created = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops","members":[{"value":"%s"}]}"""
                .formatted(ada)).post(GROUPS);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getList("members.value")).containsExactly(ada);
        assertThat(created.<Object>path("externalId")).isNull();

        Response unknown = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ghosts","members":[{"value":"999"}]}""")
                .post(GROUPS);
        assertScimError(unknown, 404, null);
        assertThat(unknown.<String>path("detail")).isEqualTo("No valid resources: [{memberId=999, display=null}]");
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]}").post(GROUPS), 400, "invalidValue");
        assertScimError(scim().body("{\"displayName\":\"NoSchemas\"}").post(GROUPS), 400, "invalidSyntax");
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"A\",\"owner\":\"x\"}")
                .post(GROUPS), 400, "invalidValue");
        assertScimError(scim().body("{not json").post(GROUPS), 400, "invalidSyntax");
        assertThat(scim().get(GROUPS).<Integer>path("totalResults")).isEqualTo(1);
    }

    @Test
    void replacesNameExternalIdAndMembersWithPut() {
        String id = groupId("Sales");
        patch(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}").then().statusCode(200);

        Response replaced = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"Sales 2","members":[{"value":"%s"}]}"""
                .formatted(id, bob)).put(GROUPS + "/" + id);

        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.<String>path("displayName")).isEqualTo("Sales 2");
        assertThat(replaced.<Object>path("externalId")).isNull();
        assertThat(replaced.jsonPath().getList("members.value")).containsExactly(bob);
        assertScimError(scim().body(GENERIC_CREATE.formatted("X", "1")).put(GROUPS + "/42"), 404, null);
    }

    @Test
    void patchesExternalIdWithAndWithoutPath() {
        String id = groupId("Sales");

        assertThat(patch(id, "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"new-ext\"}").<String>path("externalId"))
                .isEqualTo("new-ext");
        assertThat(patch(id, "{\"op\":\"replace\",\"value\":{\"externalId\":\"other\"}}").<String>path("externalId"))
                .isEqualTo("other");
        assertThat(patch(id, "{\"op\":\"remove\",\"path\":\"externalId\"}").<Object>path("externalId")).isNull();
    }

    @Test
    void showsOnlyUserGroupsAndSkipsTheDefaultTeamForNewUsers() {
        String team = seedTeam("Product Team");
        String sales = groupId("Sales");

        assertThat(scim().get(GROUPS).jsonPath().getList("Resources.id")).containsExactly(sales);
        assertScimError(scim().get(GROUPS + "/" + team), 404, null);
        assertScimError(scim().get(GROUPS + "/" + DEFAULT_TEAM_ID), 404, null);
        Response state = given().get("/admin/state");
        assertThat(state.jsonPath().getList("teams.find { it.id == '" + DEFAULT_TEAM_ID + "' }.members.userId"))
                .containsExactly(ada);
        assertThat(state.jsonPath().getList("userGroups.id")).containsExactly(sales);
        assertThat(state.jsonPath().getString("userGroups[0].externalId")).isEqualTo("ext-Sales");
        assertThat(scim().get(USERS + "/" + bob).<Object>path("groups")).isNull();
    }

    @Test
    void hasNoLastAdminRuleAndLetsMembersBeDeleted() {
        String team = seedTeam("Product Team");
        makeAdmin(team, ada);
        String id = groupId("Sales");
        patch(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}").then().statusCode(200);

        Response emptied = patch(id, "{\"op\":\"remove\",\"path\":\"members\"}");
        assertThat(emptied.statusCode()).as(emptied.asString()).isEqualTo(200);
        assertThat(emptied.jsonPath().getList("members")).isEmpty();
        patch(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}").then().statusCode(200);

        scim().delete(USERS + "/" + bob).then().statusCode(204);

        assertThat(scim().get(GROUPS + "/" + id).jsonPath().getList("members")).isEmpty();
        assertScimError(scim().delete(USERS + "/" + ada), 409, null);
    }

    @Test
    void rateLimitsGroupCreateReplaceAndDeleteWithTheirOwnBudgets() {
        Response current = given().get("/admin/settings");
        assertThat(current.<Integer>path("rateLimitBudgets.GROUPS_CREATE")).isEqualTo(20);
        assertThat(current.<Integer>path("rateLimitBudgets.GROUPS_REPLACE")).isEqualTo(100);
        assertThat(current.<Integer>path("rateLimitBudgets.GROUPS_DELETE")).isEqualTo(20);
        String id = groupId("Sales");
        settings("{\"rateLimitsEnabled\":true,\"rateLimitBudgets\":{\"GROUPS_CREATE\":1,\"GROUPS_REPLACE\":1,\"GROUPS_DELETE\":1}}")
                .then().statusCode(200);

        groupId("Support");
        Response limited = createGroup("Other", "o");
        assertScimError(limited, 429, "tooManyRequests");
        assertThat(limited.header("Retry-After")).isNotBlank();
        scim().body(GENERIC_CREATE.formatted("Sales", "e")).put(GROUPS + "/" + id).then().statusCode(200);
        assertScimError(scim().body(GENERIC_CREATE.formatted("Sales", "e")).put(GROUPS + "/" + id), 429, "tooManyRequests");
        scim().delete(GROUPS + "/" + id).then().statusCode(204);
        assertScimError(scim().delete(GROUPS + "/" + id), 429, "tooManyRequests");
        assertThat(given().get("/admin/counters").<Integer>path("GROUPS_CREATE.201")).isEqualTo(2);
        assertThat(given().get("/admin/counters").<Integer>path("GROUPS_CREATE.429")).isEqualTo(1);
    }

    @Test
    void teamsModelStillRefusesCreateReplaceDeleteAndAddsNewUsersToTheDefaultTeam() {
        String id = groupId("Sales");
        settings("{\"groupModel\":\"teams\"}").then().statusCode(200);

        assertScimError(createGroup("Other", "o"), 405, null);
        assertScimError(scim().body(GENERIC_CREATE.formatted("X", "1")).put(GROUPS + "/" + DEFAULT_TEAM_ID), 405, null);
        assertScimError(scim().delete(GROUPS + "/" + DEFAULT_TEAM_ID), 405, null);
        assertScimError(scim().get(GROUPS + "/" + id), 404, null);
        String carol = createUser("carol@example.com");
        assertThat(scim().get(USERS + "/" + carol).jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID);
        assertThat(scim().get(GROUPS).jsonPath().getList("Resources.id")).containsExactly(DEFAULT_TEAM_ID);
    }
}
