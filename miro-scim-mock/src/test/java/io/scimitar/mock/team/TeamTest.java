package io.scimitar.mock.team;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

@QuarkusTest
class TeamTest {

    private String team;
    private String ada;
    private String bob;

    @BeforeEach
    void teamAndUsers() {
        reset();
        team = seedTeam("Product Team");
        ada = createUser("ada@example.com");
        bob = createUser("bob@example.com");
    }

    private Response patch(String operations) {
        return scim().body(patchOp(operations)).patch(GROUPS + "/" + team);
    }

    private java.util.List<String> members() {
        return scim().get(GROUPS + "/" + team).jsonPath().getList("members.value", String.class);
    }

    @Test
    void listsTeamsFilteredByDisplayName() {
        Response response = scim().queryParam("filter", "displayName eq \"product team\"").get(GROUPS);

        assertThat(response.<Integer>path("totalResults")).isEqualTo(1);
        assertThat(response.<String>path("Resources[0].id")).isEqualTo(team);
        assertThat(response.<String>path("Resources[0].displayName")).isEqualTo("Product Team");
        assertThat(response.jsonPath().getList("Resources[0].schemas")).containsExactly("urn:ietf:params:scim:schemas:core:2.0:Group");
        assertThat(scim().get(GROUPS).<Integer>path("totalResults")).isEqualTo(2);
    }

    @Test
    void honoursExcludedAttributesMembersOnGetAndList() {
        patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}").then().statusCode(200);

        assertThat(scim().get(GROUPS + "/" + team).jsonPath().getList("members.value")).containsExactly(ada);
        Response excluded = scim().queryParam("excludedAttributes", "members").get(GROUPS + "/" + team);
        assertThat(excluded.<String>path("displayName")).isEqualTo("Product Team");
        assertThat(excluded.<Object>path("members")).isNull();
        Response listed = scim().queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"Product Team\"")
                .get(GROUPS);
        assertThat(listed.<Object>path("Resources[0].members")).isNull();
    }

    @Test
    void answers404ForUnknownTeam() {
        assertScimError(scim().get(GROUPS + "/42"), 404, null);
        assertScimError(scim().body(patchOp("{\"op\":\"Add\",\"path\":\"members\",\"value\":[]}")).patch(GROUPS + "/42"), 404, null);
    }

    @Test
    void addsAndRemovesMembersWithValueArraysInAnyOpCase() {
        Response added = patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + ada + "\"},{\"value\":\""
                + bob + "\"}]}");
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(200);
        assertThat(added.jsonPath().getList("members.value")).containsExactly(ada, bob);
        assertThat(added.<String>path("members[0].display")).isEqualTo("ada");
        assertThat(scim().get(USERS + "/" + ada).jsonPath().getList("groups.value")).contains(team);

        patch("{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}").then().statusCode(200);
        assertThat(members()).containsExactly(bob);
    }

    @Test
    void removesMembersWithValueFilterPath() {
        patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"},{\"value\":\"" + bob + "\"}]}");

        patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ada + "\\\"]\"}").then().statusCode(200);

        assertThat(members()).containsExactly(bob);
        assertScimError(patch("{\"op\":\"remove\",\"path\":\"members[display eq \\\"bob\\\"]\"}"), 400, "invalidPath");
    }

    @Test
    void replacesAllMembers() {
        patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}");

        patch("{\"op\":\"Replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}").then().statusCode(200);

        assertThat(members()).containsExactly(bob);
    }

    @Test
    void renamesWithAndWithoutPath() {
        assertThat(patch("{\"op\":\"Replace\",\"value\":{\"id\":\"" + team + "\",\"displayName\":\"Design Team\"}}")
                .<String>path("displayName")).isEqualTo("Design Team");
        assertThat(patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Research\"}").<String>path("displayName"))
                .isEqualTo("Research");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"\"}"), 400, "invalidValue");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"owner\",\"value\":\"x\"}"), 400, "invalidPath");
    }

    @Test
    void refusesCreateReplaceAndDeleteWith405LikeMiro() {
        Response create = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"New","meta":{"resourceType":"Group"}}""")
                .post(GROUPS);
        assertScimError(create, 405, null);
        assertThat(create.<String>path("detail")).contains("doesn't support the requested method");
        assertScimError(scim().delete(GROUPS + "/" + team), 405, null);
        assertScimError(scim().body("{}").put(GROUPS + "/" + team), 405, null);
        assertThat(scim().get(GROUPS + "/" + team).statusCode()).isEqualTo(200);
    }

    @Test
    void answersUnknownMemberIdsWith404InMiroWordingAndChangesNothing() {
        Response response = patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"},{\"value\":\"999\"}]}");

        assertScimError(response, 404, null);
        assertThat(response.<String>path("detail")).isEqualTo("No valid resources: [{memberId=999, display=null}]");
        assertThat(members()).isEmpty();
    }

    @Test
    void answers413ForMoreThan8000MembersInOnePatch() {
        String values = IntStream.range(0, 8001).mapToObj(i -> "{\"value\":\"" + i + "\"}").collect(Collectors.joining(","));

        Response response = patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[" + values + "]}");

        assertScimError(response, 413, null);
    }

    @Test
    void answers413ForPayloadOver800000Bytes() {
        String padding = "x".repeat(800_001);

        Response response = patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + padding + "\"}");

        assertScimError(response, 413, null);
    }

    @Test
    void refusesToRemoveTheLastTeamAdmin() {
        makeAdmin(team, ada);
        patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}").then().statusCode(200);

        Response response = patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}");
        assertScimError(response, 409, null);
        assertThat(response.<String>path("detail")).contains("last admin");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}"), 409, null);
        assertThat(members()).containsExactly(ada, bob);

        patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}").then().statusCode(200);
    }

    @Test
    void addingADeactivatedUserReactivatesIt() {
        scim().body(patchOp("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).patch(USERS + "/" + ada).then().statusCode(200);

        patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}").then().statusCode(200);

        assertThat(scim().get(USERS + "/" + ada).<Boolean>path("active")).isTrue();
    }

    @Test
    void refusesFiltersOnComplexGroupAttributes() {
        assertScimError(scim().queryParam("filter", "members.value eq \"" + ada + "\"").get(GROUPS), 400, "invalidFilter");
        assertScimError(scim().queryParam("filter", "displayName eq").get(GROUPS), 400, "invalidFilter");
    }

    @Test
    void pagesAndSortsTeams() {
        seedTeam("Alpha");
        Response response = scim().queryParam("sortBy", "displayName").queryParam("count", 2).get(GROUPS);

        assertThat(response.<Integer>path("totalResults")).isEqualTo(3);
        assertThat(response.jsonPath().getList("Resources.displayName")).containsExactly("Alpha", "Default team");
    }
}
