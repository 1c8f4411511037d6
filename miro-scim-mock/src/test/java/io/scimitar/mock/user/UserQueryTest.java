package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.mock.ScimApi;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.patchOp;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UserQueryTest {

    @Inject
    UserService userService;

    private String ada;
    private String bob;
    private String cyd;

    @BeforeEach
    void threeUsers() {
        reset();
        ada = createUser("ada@example.com");
        bob = createUser("bob@example.com");
        cyd = createUser("cyd@miro.test");
        scim().body(patchOp("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")).patch(USERS + "/" + cyd)
                .then().statusCode(200);
    }

    private List<String> idsFor(String filter) {
        Response response = scim().queryParam("filter", filter).get(USERS);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("Resources.id", String.class);
    }

    @Test
    void getsUserByIdAndAnswers404ForUnknownId() {
        assertThat(scim().get(USERS + "/" + ada).<String>path("userName")).isEqualTo("ada@example.com");
        Response missing = scim().get(USERS + "/999");
        assertScimError(missing, 404, null);
    }

    @Test
    void listsAllUsersInAListResponseIncludingDeactivatedOnes() {
        Response response = scim().get(USERS);

        assertThat(response.jsonPath().getList("schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(response.<Integer>path("totalResults")).isEqualTo(3);
        assertThat(response.<Integer>path("startIndex")).isEqualTo(1);
        assertThat(response.<Integer>path("itemsPerPage")).isEqualTo(3);
        assertThat(response.jsonPath().getList("Resources.id")).containsExactly(ada, bob, cyd);
        assertThat(response.<Boolean>path("Resources[2].active")).isFalse();
    }

    @Test
    void answersAnEmptyListResponseWhenNothingMatches() {
        Response response = scim().queryParam("filter", "userName eq \"4f5c3a55-0000-4000-8000-000000000000\"").get(USERS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.<Integer>path("totalResults")).isZero();
        assertThat(response.jsonPath().getList("Resources")).isEmpty();
    }

    @Test
    void filtersWithEveryOperator() {
        assertThat(idsFor("userName eq \"ADA@example.com\"")).containsExactly(ada);
        assertThat(idsFor("userName ne \"ada@example.com\"")).containsExactly(bob, cyd);
        assertThat(idsFor("userName co \"miro\"")).containsExactly(cyd);
        assertThat(idsFor("userName sw \"b\"")).containsExactly(bob);
        assertThat(idsFor("userName ew \"example.com\"")).containsExactly(ada, bob);
        assertThat(idsFor("displayName pr")).containsExactly(ada, bob, cyd);
        assertThat(idsFor("userName gt \"bob@example.com\"")).containsExactly(cyd);
        assertThat(idsFor("userName ge \"bob@example.com\"")).containsExactly(bob, cyd);
        assertThat(idsFor("userName lt \"bob@example.com\"")).containsExactly(ada);
        assertThat(idsFor("userName le \"bob@example.com\"")).containsExactly(ada, bob);
        assertThat(idsFor("active eq false")).containsExactly(cyd);
        assertThat(idsFor("userType ne \"Full\"")).isEmpty();
    }

    @Test
    void filtersWithLogicalOperatorsParenthesesAndCaseInsensitiveNames() {
        assertThat(idsFor("USERNAME sw \"a\" OR (Active EQ false and not (userName co \"ada\"))")).containsExactly(ada, cyd);
        assertThat(idsFor("active eq true and userName ew \".com\"")).containsExactly(ada, bob);
        assertThat(idsFor("not (active eq true)")).containsExactly(cyd);
    }

    @Test
    void filtersWithValuePathsAndGroupMembership() {
        assertThat(idsFor("emails[type eq \"work\"].value eq \"bob@example.com\"")).containsExactly(bob);
        assertThat(idsFor("emails[type eq \"work\" and value co \"miro\"]")).containsExactly(cyd);
        assertThat(idsFor("groups.value eq \"3074457345618258000\"")).containsExactly(ada, bob, cyd);
        assertThat(idsFor("id eq \"" + bob + "\"")).containsExactly(bob);
    }

    @Test
    void rejectsBadFilterSyntaxWith400InvalidFilter() {
        Response response = scim().queryParam("filter", "userName eq").get(USERS);
        assertScimError(response, 400, "invalidFilter");
        assertScimError(scim().queryParam("filter", "userName wibble \"x\"").get(USERS), 400, "invalidFilter");
        assertScimError(scim().queryParam("filter", "(userName eq \"x\"").get(USERS), 400, "invalidFilter");
    }

    @Test
    void pagesWithStartIndexAndCount() {
        Response page = scim().queryParam("startIndex", 2).queryParam("count", 1).get(USERS);

        assertThat(page.<Integer>path("totalResults")).isEqualTo(3);
        assertThat(page.<Integer>path("startIndex")).isEqualTo(2);
        assertThat(page.<Integer>path("itemsPerPage")).isEqualTo(1);
        assertThat(page.jsonPath().getList("Resources.id")).containsExactly(bob);

        Response past = scim().queryParam("startIndex", 10).get(USERS);
        assertThat(past.jsonPath().getList("Resources")).isEmpty();
        assertThat(scim().queryParam("count", 0).get(USERS).<Integer>path("totalResults")).isEqualTo(3);
        assertScimError(scim().queryParam("count", "ten").get(USERS), 400, "invalidValue");
    }

    @Test
    void pagesByDefault100AndAtMost1000() {
        // Created in-process: 1,100 HTTP round trips would only slow the suite down.
        for (int i = 0; i < 1_100; i++) {
            userService.create((ObjectNode) new ObjectMapper().valueToTree(java.util.Map.of(
                    "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "bulk" + i + "@example.com")));
        }
        assertThat(scim().get(USERS).<Integer>path("itemsPerPage")).isEqualTo(100);
        Response max = scim().queryParam("count", 5000).get(USERS);
        assertThat(max.<Integer>path("itemsPerPage")).isEqualTo(1000);
        assertThat(max.<Integer>path("totalResults")).isEqualTo(1_103);
    }

    @Test
    void sortsByUserNameDisplayNameAndEmail() {
        assertThat(scim().queryParam("sortBy", "userName").queryParam("sortOrder", "descending").get(USERS)
                .jsonPath().getList("Resources.id")).containsExactly(cyd, bob, ada);
        assertThat(scim().queryParam("sortBy", "emails.value").get(USERS)
                .jsonPath().getList("Resources.id")).containsExactly(ada, bob, cyd);
        assertThat(scim().queryParam("sortBy", "displayName").queryParam("sortOrder", "Descending").get(USERS)
                .jsonPath().getList("Resources.id")).containsExactly(cyd, bob, ada);
        assertScimError(scim().queryParam("sortBy", "userName").queryParam("sortOrder", "sideways").get(USERS), 400, "invalidValue");
    }

    @Test
    void returnsOnlyRequestedAttributesIncludingSubAttributes() {
        Response response = scim().queryParam("attributes", "userName,emails.value,name.givenName").get(USERS + "/" + ada);

        assertThat(response.<String>path("id")).isEqualTo(ada);
        assertThat(response.<String>path("userName")).isEqualTo("ada@example.com");
        assertThat(response.<String>path("emails[0].value")).isEqualTo("ada@example.com");
        assertThat(response.<String>path("emails[0].type")).isNull();
        assertThat(response.<String>path("name.givenName")).isEqualTo("Given");
        assertThat(response.<String>path("name.familyName")).isNull();
        assertThat(response.<String>path("displayName")).isNull();

        Response list = scim().queryParam("attributes", "id").queryParam("filter", "userName eq \"bob@example.com\"").get(USERS);
        assertThat(list.<String>path("Resources[0].id")).isEqualTo(bob);
        assertThat(list.<String>path("Resources[0].userName")).isNull();
    }

    @Test
    void leavesOutExcludedAttributes() {
        Response response = scim().queryParam("excludedAttributes", "groups,emails,meta").get(USERS + "/" + ada);

        assertThat(response.<String>path("userName")).isEqualTo("ada@example.com");
        assertThat(response.<Object>path("groups")).isNull();
        assertThat(response.<Object>path("emails")).isNull();
        assertThat(response.<Object>path("meta")).isNull();
    }

    @Test
    void plainReadAnswersTheCreatedDocumentByteForByteAndFollowsGroupAndUserChanges() {
        Response created = scim().body(ScimApi.userJson("dee@example.com")).post(USERS);
        String id = created.path("id");
        assertThat(scim().get(USERS + "/" + id).asString()).isEqualTo(created.asString());

        given().contentType("application/json").body("{\"displayName\":\"Sales\",\"members\":{\"" + id + "\":\"MEMBER\"}}")
                .post("/admin/teams").then().statusCode(201);
        Response read = scim().get(USERS + "/" + id);
        assertThat(read.jsonPath().getList("groups.display")).containsExactlyInAnyOrder("Default team", "Sales");
        assertThat(read.asString()).isEqualTo(genericRead(id));

        scim().body(patchOp("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Dee L.\"}")).patch(USERS + "/" + id)
                .then().statusCode(200);
        read = scim().get(USERS + "/" + id);
        assertThat(read.<String>path("displayName")).isEqualTo("Dee L.");
        assertThat(read.asString()).isEqualTo(genericRead(id));
    }

    @Test
    void plainReadOfUserWithoutGroupsMatchesTheGenericPath() {
        given().contentType("application/json").body("{\"groupModel\":\"user-groups\"}").put("/admin/settings")
                .then().statusCode(200);
        String id = createUser("dee@example.com");

        Response read = scim().get(USERS + "/" + id);
        assertThat(read.<Object>path("groups")).isNull();
        assertThat(read.asString()).isEqualTo(genericRead(id));
    }

    /** The same read through the JAX-RS resource (a query parameter that changes nothing skips the fast route). */
    private static String genericRead(String id) {
        return scim().queryParam("excludedAttributes", "nickName").get(USERS + "/" + id).asString();
    }
}
