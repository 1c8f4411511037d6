package io.scimitar.mock.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.userJson;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UserCreateTest {

    @BeforeEach
    void cleanState() {
        reset();
    }

    @Test
    void createsUserWith201NumericIdLocationAndMiroDefaults() {
        Response response = scim().body(userJson("ada@example.com")).post(USERS);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/scim+json");
        String id = response.path("id");
        assertThat(id).matches("\\d+");
        assertThat(response.header("Location")).isEqualTo("https://miro.com/api/v1/scim/Users/" + id);
        assertThat(response.<String>path("meta.location")).isEqualTo(response.header("Location"));
        assertThat(response.<String>path("meta.resourceType")).isEqualTo("User");
        assertThat(response.<Boolean>path("active")).isTrue();
        assertThat(response.<String>path("userType")).isEqualTo("Full");
        assertThat(response.<String>path("roles.find { it.primary }.value")).isEqualTo("ORGANIZATION_INTERNAL_USER");
        assertThat(response.<String>path("emails[0].value")).isEqualTo("ada@example.com");
    }

    @Test
    void newUserJoinsTheDefaultTeam() {
        String id = createUser("ada@example.com");

        scim().get(USERS + "/" + id).then().statusCode(200);
        assertThat(scim().get(USERS + "/" + id).<String>path("groups[0].value")).isEqualTo(DEFAULT_TEAM_ID);
        assertThat(scim().get(GROUPS + "/" + DEFAULT_TEAM_ID).jsonPath().getList("members.value")).containsExactly(id);
    }

    @Test
    void rejectsDuplicateUserNameIgnoringCaseWith400InvalidValueLikeMiro() {
        createUser("ada@example.com");

        Response response = scim().body(userJson("ADA@Example.COM")).post(USERS);

        assertScimError(response, 400, "invalidValue");
        assertThat(response.<String>path("detail")).isEqualTo("User name 'ADA@Example.COM' is invalid: 'not unique'");
    }

    @Test
    void answersDuplicateWith409UniquenessWhenConfiguredForRfc() {
        createUser("ada@example.com");
        given().contentType("application/json").body("{\"duplicateUserName\":\"RFC\"}").put("/admin/settings").then().statusCode(200);

        assertScimError(scim().body(userJson("ada@example.com")).post(USERS), 409, "uniqueness");
    }

    @Test
    void rejectsUserNameThatIsNotAnEmail() {
        Response response = scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"Test_User_1\"}")
                .post(USERS);

        assertScimError(response, 400, "invalidValue");
        assertThat(response.<String>path("detail")).contains("not an email");
    }

    @Test
    void rejectsMissingUserName() {
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"displayName\":\"x\"}")
                .post(USERS), 400, "invalidValue");
    }

    @Test
    void rejectsEmailOutsideAllowedDomainsWith409NotWhitelisted() {
        Response response = scim().body(userJson("eve@elsewhere.org")).post(USERS);

        assertScimError(response, 409, null);
        assertThat(response.<String>path("detail")).isEqualTo("eve@elsewhere.org is not whitelisted");
    }

    @Test
    void rejectsDisplayNameLongerThan60Characters() {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\",\"displayName\":\""
                + "x".repeat(61) + "\"}";

        Response response = scim().body(body).post(USERS);

        assertScimError(response, 400, "invalidValue");
        assertThat(response.<String>path("detail")).contains("displayName").contains("60");
    }

    @Test
    void rejectsGivenAndFamilyNameLongerThan60TogetherAndLongEnterpriseValues() {
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com",
                 "name":{"givenName":"%s","familyName":"%s"}}""".formatted("g".repeat(31), "f".repeat(30))).post(USERS), 400, "invalidValue");
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"%s"}}""".formatted("1".repeat(21)))
                .post(USERS), 400, "invalidValue");
    }

    @Test
    void rejectsUnknownLicenceAndGuestPrimaryRole() {
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","userType":"Platinum"}""")
                .post(USERS), 400, "invalidValue");
        Response guest = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com",
                 "roles":[{"value":"ORGANIZATION_EXTERNAL_USER","type":"organization_user_role","primary":true}]}""").post(USERS);
        assertScimError(guest, 400, "invalidValue");
        assertThat(guest.<String>path("detail")).contains("ORGANIZATION_EXTERNAL_USER");
    }

    @Test
    void acceptsMiroLicencesAndAdminRoles() {
        Response response = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","userType":"free restricted",
                 "roles":[{"value":"ORGANIZATION_INTERNAL_ADMIN","type":"organization_user_role","primary":true},
                          {"value":"Content Admin","type":"organization_admin_role","primary":false}]}""").post(USERS);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.<String>path("userType")).isEqualTo("Free Restricted");
        assertThat(response.jsonPath().getList("roles.value")).containsExactly("ORGANIZATION_INTERNAL_ADMIN", "Content Admin");
    }

    @Test
    void ignoresNonNumericManagerAndKeepsNumericOne() {
        Response ignored = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"a@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"boss"},"department":"IT"}}""").post(USERS);
        assertThat(ignored.statusCode()).isEqualTo(201);
        assertThat(ignored.<Object>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager")).isNull();
        assertThat(ignored.<String>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department")).isEqualTo("IT");

        Response kept = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"123"}}}""").post(USERS);
        assertThat(kept.<String>path("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.manager.value")).isEqualTo("123");
    }

    @Test
    void storesAndEchoesAttributesOutsideMiroModelAndNeverReturnsPassword() {
        Response response = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","externalId":"ext-1",
                 "title":"Engineer","PhoneNumbers":[{"type":"work","value":"+1"}],"password":"secret"}""").post(USERS);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.<String>path("externalId")).isEqualTo("ext-1");
        assertThat(response.<String>path("title")).isEqualTo("Engineer");
        assertThat(response.<String>path("phoneNumbers[0].value")).isEqualTo("+1");
        assertThat(response.asString()).doesNotContain("secret").doesNotContain("password");
    }

    @Test
    void rejectsMalformedJsonWrongSchemasAndUnknownAttributes() {
        assertScimError(scim().body("{\"schemas\":[").post(USERS), 400, "invalidSyntax");
        assertScimError(scim().body("[1,2]").post(USERS), 400, "invalidSyntax");
        assertScimError(scim().body("{\"userName\":\"a@example.com\"}").post(USERS), 400, "invalidSyntax");
        assertScimError(scim().body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"userName\":\"a@example.com\"}")
                .post(USERS), 400, "invalidSyntax");
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:custom"],"userName":"a@example.com"}""")
                .post(USERS), 400, "invalidValue");
        Response unknown = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","shoeSize":44}""").post(USERS);
        assertScimError(unknown, 400, "invalidValue");
        assertThat(unknown.<String>path("detail")).contains("shoeSize");
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","active":"sometimes"}""")
                .post(USERS), 400, "invalidValue");
        assertScimError(scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","displayName":["a"]}""")
                .post(USERS), 400, "invalidValue");
    }

    @Test
    void rejectsUnsupportedMediaTypeWith415() {
        Response response = given().header("Authorization", "Bearer test-token").contentType("text/plain")
                .body(userJson("a@example.com")).post(USERS);

        assertScimError(response, 415, null);
    }

    @Test
    void acceptsPlainApplicationJsonAsMiroDocuments() {
        given().header("Authorization", "Bearer test-token").contentType("application/json")
                .body(userJson("a@example.com")).post(USERS).then().statusCode(201);
    }
}
