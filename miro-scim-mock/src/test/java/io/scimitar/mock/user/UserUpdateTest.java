package io.scimitar.mock.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.makeAdmin;
import static io.scimitar.mock.ScimApi.patchOp;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UserUpdateTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private String id;

    @BeforeEach
    void oneUser() {
        reset();
        id = createUser("ada@example.com");
    }

    private Response patch(String operations) {
        return scim().body(patchOp(operations)).patch(USERS + "/" + id);
    }

    @Test
    void replacesUserWithPut() {
        Response response = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada.l@example.com","displayName":"Ada L",
                 "emails":[{"value":"ada.l@example.com","type":"work","primary":true}],"active":true}""").put(USERS + "/" + id);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.<String>path("userName")).isEqualTo("ada.l@example.com");
        assertThat(response.<String>path("displayName")).isEqualTo("Ada L");
        assertThat(response.<Object>path("name")).isNull();
        assertThat(response.<String>path("userType")).isEqualTo("Full");
        assertThat(response.<String>path("id")).isEqualTo(id);
        assertThat(scim().queryParam("filter", "userName eq \"ada@example.com\"").get(USERS).<Integer>path("totalResults")).isZero();
        assertThat(scim().queryParam("filter", "userName eq \"ADA.L@example.com\"").get(USERS).<Integer>path("totalResults")).isEqualTo(1);
    }

    @Test
    void answers404ForUpdatesOfUnknownUsers() {
        assertScimError(scim().body(patchOp("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"x\"}"))
                .patch(USERS + "/123"), 404, null);
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x@example.com\"}")
                .put(USERS + "/123"), 404, null);
        assertScimError(scim().delete(USERS + "/123"), 404, null);
    }

    @Test
    void patchesWithOpsInAnyLetterCaseWithAndWithoutPath() {
        Response response = patch("""
                {"op":"Replace","path":"displayName","value":"Ada One"},
                {"op":"add","path":"title","value":"Countess"},
                {"op":"REPLACE","value":{"name.givenName":"Augusta","nickName":"Ada"}},
                {"op":"remove","path":"name.familyName"}""");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.<String>path("displayName")).isEqualTo("Ada One");
        assertThat(response.<String>path("title")).isEqualTo("Countess");
        assertThat(response.<String>path("name.givenName")).isEqualTo("Augusta");
        assertThat(response.<String>path("name.familyName")).isNull();
        assertThat(response.<String>path("nickName")).isEqualTo("Ada");
    }

    @Test
    void patchesFilteredPathsRolesAndEnterpriseUrnPaths() {
        Response response = patch("""
                {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"ada@miro.test"},
                {"op":"Replace","path":"roles[primary eq \\"True\\"].value","value":"ORGANIZATION_INTERNAL_ADMIN"},
                {"op":"Add","path":"roles","value":[{"value":"Content Admin","type":"organization_admin_role","primary":false}]},
                {"op":"Replace","path":"%1$s:department","value":"IT"},
                {"op":"Add","path":"%1$s:employeeNumber","value":"007"}""".formatted(ENTERPRISE));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.<String>path("emails[0].value")).isEqualTo("ada@miro.test");
        assertThat(response.jsonPath().getList("roles.value")).containsExactly("ORGANIZATION_INTERNAL_ADMIN", "Content Admin");
        assertThat(response.<String>path("'" + ENTERPRISE + "'.department")).isEqualTo("IT");
        assertThat(response.jsonPath().getList("schemas")).contains(ENTERPRISE);

        Response removed = patch("{\"op\":\"Remove\",\"path\":\"roles[value eq \\\"Content Admin\\\"]\"}");
        assertThat(removed.jsonPath().getList("roles.value")).containsExactly("ORGANIZATION_INTERNAL_ADMIN");
    }

    @Test
    void acceptsStringBooleansAsEntraSendsThem() {
        assertThat(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}").<Boolean>path("active")).isFalse();
        assertThat(patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}").<Boolean>path("active")).isTrue();
        assertThat(patch("{\"op\":\"replace\",\"value\":{\"active\":false}}").<Boolean>path("active")).isFalse();
    }

    @Test
    void rejectsBadPatchRequests() {
        assertScimError(scim().body("{\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"x\"}]}")
                .patch(USERS + "/" + id), 400, "invalidSyntax");
        assertScimError(scim().body(patchOp("")).patch(USERS + "/" + id), 400, "invalidSyntax");
        assertScimError(patch("{\"op\":\"Jump\",\"path\":\"displayName\",\"value\":\"x\"}"), 400, "invalidValue");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"shoeSize\",\"value\":\"44\"}"), 400, "invalidPath");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":\"x\"}"), 400, "invalidPath");
        assertScimError(patch("{\"op\":\"Remove\"}"), 400, "noTarget");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + "x".repeat(61) + "\"}"), 400, "invalidValue");
        assertScimError(scim().body("{not json").patch(USERS + "/" + id), 400, "invalidSyntax");
    }

    @Test
    void patchCanOnlyUpgradeTheLicenceToFull() {
        scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"free@example.com","userType":"Free"}""")
                .post(USERS).then().statusCode(201);
        String free = scim().queryParam("filter", "userName eq \"free@example.com\"").get(USERS).path("Resources[0].id");

        Response upgrade = scim().body(patchOp("{\"op\":\"Replace\",\"path\":\"userType\",\"value\":\"Full\"}")).patch(USERS + "/" + free);
        assertThat(upgrade.<String>path("userType")).isEqualTo("Full");

        Response downgrade = scim().body(patchOp("{\"op\":\"Replace\",\"path\":\"userType\",\"value\":\"Free\"}")).patch(USERS + "/" + free);
        assertScimError(downgrade, 400, "invalidValue");
        assertThat(downgrade.<String>path("detail")).contains("only be upgraded to Full");
    }

    @Test
    void deactivatedUserStillExistsAndIsListed() {
        patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}").then().statusCode(200);

        assertThat(scim().get(USERS + "/" + id).<Boolean>path("active")).isFalse();
        assertThat(scim().queryParam("filter", "userName eq \"ada@example.com\"").get(USERS).<Boolean>path("Resources[0].active")).isFalse();
    }

    @Test
    void deactivatedUserHasUserNameUserTypeAndRolesLockedAndEmailsIgnored() {
        patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}").then().statusCode(200);

        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"new@example.com\"}"), 400, "mutability");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"userType\",\"value\":\"Free\"}"), 400, "mutability");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"roles[primary eq true].value\",\"value\":\"ORGANIZATION_INTERNAL_ADMIN\"}"),
                400, "mutability");
        Response emails = patch("{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"other@example.com\"}");
        assertThat(emails.statusCode()).isEqualTo(200);
        assertThat(emails.<String>path("emails[0].value")).isEqualTo("ada@example.com");
        assertThat(patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Still editable\"}").<String>path("displayName"))
                .isEqualTo("Still editable");

        Response reactivated = patch("""
                {"op":"Replace","path":"active","value":"True"},{"op":"Replace","path":"userName","value":"new@example.com"}""");
        assertThat(reactivated.statusCode()).isEqualTo(200);
        assertThat(reactivated.<String>path("userName")).isEqualTo("new@example.com");
    }

    @Test
    void renamingToATakenOrNotWhitelistedUserNameIsRefused() {
        createUser("bob@example.com");

        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"BOB@example.com\"}"), 400, "invalidValue");
        assertScimError(patch("{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"ada@elsewhere.org\"}"), 409, null);
    }

    @Test
    void deletesUserWith204AndRemovesItFromTeams() {
        scim().delete(USERS + "/" + id).then().statusCode(204);

        assertScimError(scim().get(USERS + "/" + id), 404, null);
        assertThat(scim().get(GROUPS + "/" + DEFAULT_TEAM_ID).jsonPath().getList("members")).isEmpty();
        createUser("ada@example.com");
    }

    @Test
    void refusesToDeleteTheLastAdminOfATeam() {
        makeAdmin(DEFAULT_TEAM_ID, id);

        Response response = scim().delete(USERS + "/" + id);

        assertScimError(response, 409, null);
        assertThat(response.<String>path("detail")).contains("last admin");
        String second = createUser("bob@example.com");
        makeAdmin(DEFAULT_TEAM_ID, second);
        scim().delete(USERS + "/" + id).then().statusCode(204);
    }
}
