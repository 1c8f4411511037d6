package io.scimitar.mock.entra;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.seedTeam;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the request shapes Microsoft Entra sends (entra-provisioning.md §7), once as the default client and once with
 * the {@code aadOptscim062020} flag. Miro needs an e-mail userName, so the userName is an e-mail in Entra's shape.
 */
@QuarkusTest
class EntraRequestShapesTest {

    private static final String CREATE = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_%1$s@testuser.com","active":true,
             "emails":[{"primary":true,"type":"work","value":"Test_User_%1$s@testuser.com"}],"meta":{"resourceType":"User"},
             "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":null,"department":"Sales"}}""";

    private String team;

    @BeforeEach
    void teamToSync() {
        reset();
        team = seedTeam("Entra Group");
    }

    @Test
    void defaultClientProvisionsUpdatesDisablesAndDeletesAUser() {
        // Test Connection: a random GUID must give an empty ListResponse, not 404.
        Response probe = scim().queryParam("filter", "userName eq \"7b1c2d3e-aaaa-4bbb-8ccc-123456789abc\"").get(USERS);
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.<Integer>path("totalResults")).isZero();

        Response match = scim().queryParam("filter", "userName eq \"Test_User_dflt@testuser.com\"").get(USERS);
        assertThat(match.<Integer>path("totalResults")).isZero();

        Response created = scim().body(CREATE.formatted("dflt")).post(USERS);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.<String>path("externalId")).isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");

        assertThat(scim().queryParam("filter", "externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"").get(USERS)
                .<String>path("Resources[0].id")).isEqualTo(id);
        assertThat(scim().queryParam("filter", "emails[type eq \"work\"].value eq \"Test_User_dflt@testuser.com\"").get(USERS)
                .<String>path("Resources[0].id")).isEqualTo(id);

        Response updated = scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"userName","value":"Renamed_dflt@testuser.com"},
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"renamed@testuser.com"},
                 {"op":"Replace","path":"name.familyName","value":"Updated"},
                 {"op":"Add","path":"displayName","value":"Test User"},
                 {"op":"Replace","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0100"},
                 {"op":"Replace","path":"addresses[type eq \\"work\\"].postalCode","value":"98052"},
                 {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"1234"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                  "value":[{"$ref":"../Users/42","value":"42"}]}]}""").patch(USERS + "/" + id);
        assertThat(updated.statusCode()).as(updated.asString()).isIn(200, 204);
        Response user = scim().get(USERS + "/" + id);
        assertThat(user.<String>path("userName")).isEqualTo("Renamed_dflt@testuser.com");
        assertThat(user.<String>path("emails[0].value")).isEqualTo("renamed@testuser.com");
        assertThat(user.<String>path("name.familyName")).isEqualTo("Updated");
        assertThat(user.<String>path("phoneNumbers[0].value")).isEqualTo("+1 555 0100");
        assertThat(user.<String>path("addresses[0].postalCode")).isEqualTo("98052");
        assertThat(user.<String>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber")).isEqualTo("1234");
        assertThat(user.<String>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value")).isEqualTo("42");

        Response group = scim().queryParam("excludedAttributes", "members").queryParam("filter", "displayName eq \"Entra Group\"")
                .get(GROUPS);
        assertThat(group.<String>path("Resources[0].id")).isEqualTo(team);
        assertThat(group.<Object>path("Resources[0].members")).isNull();
        assertThat(scim().queryParam("excludedAttributes", "members").get(GROUPS + "/" + team).<Object>path("members")).isNull();

        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(id))
                .patch(GROUPS + "/" + team).then().statusCode(200);
        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"displayName","value":"Entra Group Renamed"}]}""").patch(GROUPS + "/" + team).then().statusCode(200);
        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(id))
                .patch(GROUPS + "/" + team).then().statusCode(200);
        assertThat(scim().get(GROUPS + "/" + team).jsonPath().getList("members")).isEmpty();

        Response disabled = scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"}]}""").patch(USERS + "/" + id);
        assertThat(disabled.<Boolean>path("active")).isFalse();
        assertThat(scim().queryParam("filter", "userName eq \"Renamed_dflt@testuser.com\"").get(USERS).<Integer>path("totalResults"))
                .isEqualTo(1);

        scim().delete(USERS + "/" + id).then().statusCode(204);
        assertThat(scim().get(USERS + "/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void clientWithAadOptscim062020FlagProvisionsUpdatesAndDisablesAUser() {
        String id = scim().body(CREATE.formatted("flag")).post(USERS).then().statusCode(201).extract().path("id");

        Response added = scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"add","path":"nickName","value":"Flaggy"}]}""").patch(USERS + "/" + id);
        assertThat(added.<String>path("nickName")).isEqualTo("Flaggy");

        Response replaced = scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"flag.work@testuser.com"},
                 {"op":"replace","value":{"displayName":"Flag User","name.givenName":"Flag","name.familyName":"User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Engineering"}}]}""").patch(USERS + "/" + id);
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.<String>path("displayName")).isEqualTo("Flag User");
        assertThat(replaced.<String>path("name.givenName")).isEqualTo("Flag");
        assertThat(replaced.<String>path("name.familyName")).isEqualTo("User");
        assertThat(replaced.<String>path("emails[0].value")).isEqualTo("flag.work@testuser.com");
        assertThat(replaced.<String>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department")).isEqualTo("Engineering");

        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(id)).patch(GROUPS + "/" + team).then().statusCode(200);
        scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id)).patch(GROUPS + "/" + team).then().statusCode(200);
        assertThat(scim().get(GROUPS + "/" + team).jsonPath().getList("members")).isEmpty();

        Response disabled = scim().body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"active","value":false}]}""").patch(USERS + "/" + id);
        assertThat(disabled.<Boolean>path("active")).isFalse();

        Response manager = scim().queryParam("filter", "id eq \"" + id + "\" and manager eq \"42\"").queryParam("attributes", "id").get(USERS);
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(manager.<Integer>path("totalResults")).isZero();
    }
}
