package io.scimitar.mock.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.userJson;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UserInputLimitsTest {

    private static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";

    @BeforeEach
    void cleanState() {
        reset();
    }

    /** A create body whose userName is the JSON string literal {@code jsonUserName} as written (escapes kept). */
    private static Response createWithRawUserName(String jsonUserName) {
        return scim().body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"" + jsonUserName + "\"}").post(USERS);
    }

    private static void assertNoUsers() {
        assertThat(scim().get(USERS).<Integer>path("totalResults")).isZero();
    }

    @Test
    void rejectsUserNamesWithNulOrLoneSurrogate() {
        assertScimError(createWithRawUserName("ada\\u0000@example.com"), 400, "invalidValue");
        assertScimError(createWithRawUserName("ada\\ud800@example.com"), 400, "invalidValue");
        assertScimError(createWithRawUserName("ada\\u0007@example.com"), 400, "invalidValue");
        assertNoUsers();
    }

    @Test
    void rejectsEmailsOverRfc5321Limits() {
        assertScimError(createWithRawUserName("a".repeat(5000) + "@example.com"), 400, "invalidValue");
        Response local65 = createWithRawUserName("a".repeat(65) + "@example.com");
        assertScimError(local65, 400, "invalidValue");
        assertThat(local65.<String>path("detail")).contains("64");
        assertScimError(createWithRawUserName("a".repeat(60) + "@" + "d".repeat(190) + ".example.com"), 400, "invalidValue");
        assertNoUsers();

        createWithRawUserName("a".repeat(64) + "@example.com").then().statusCode(201);
    }

    @Test
    void rejectsBadEmailValuesOnReplace() {
        String id = createUser("ada@example.com");
        String replace = """
                {"schemas":["%s"],"userName":"ada@example.com","emails":[{"value":"%s","type":"work"}]}""";

        assertScimError(scim().body(replace.formatted(CORE, "ada\\u0000@example.com")).put(USERS + "/" + id), 400, "invalidValue");
        assertScimError(scim().body(replace.formatted(CORE, "b".repeat(65) + "@example.com")).put(USERS + "/" + id), 400, "invalidValue");

        assertThat(scim().get(USERS + "/" + id).<String>path("emails[0].value")).isEqualTo("ada@example.com");
    }

    @Test
    void rejectsAMegabyteTitleAndControlCharactersInStoredStrings() {
        String title = "t".repeat(1_000_000);
        Response huge = scim().body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"ada@example.com\",\"title\":\"" + title + "\"}")
                .post(USERS);
        assertScimError(huge, 400, "invalidValue");
        assertThat(huge.<String>path("detail")).contains("title").contains("2048");
        assertScimError(scim().body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"ada@example.com\",\"title\":\"a\\u0000b\"}")
                .post(USERS), 400, "invalidValue");
        assertScimError(scim().body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"ada@example.com\",\"roles\":[{\"value\":"
                + "\"ORGANIZATION_INTERNAL_USER\",\"primary\":true,\"note\":\"x\\u0001\"}]}").post(USERS), 400, "invalidValue");
        assertNoUsers();

        scim().body("{\"schemas\":[\"" + CORE + "\"],\"userName\":\"ada@example.com\",\"title\":\"Head of\\tSales\"}")
                .post(USERS).then().statusCode(201);
    }

    @Test
    void refusesCreatesBeyondTheConfiguredCapacityWith507() {
        given().contentType("application/json").body("{\"maxUsers\":2}").put("/admin/settings").then().statusCode(200);
        createUser("ada@example.com");
        createUser("bob@example.com");

        Response full = scim().body(userJson("eve@example.com")).post(USERS);

        assertScimError(full, 507, null);
        assertThat(full.<String>path("detail")).contains("2 users").contains("miro-mock.limits.max-users");
        assertThat(scim().get(USERS).<Integer>path("totalResults")).isEqualTo(2);
    }

    @Test
    void sizesTheDefaultCapacityFromTheHeap() {
        long expected = Runtime.getRuntime().maxMemory() / io.scimitar.mock.config.MockSettings.HEAP_BYTES_PER_USER;

        assertThat(given().get("/admin/settings").<Integer>path("maxUsers")).isEqualTo((int) expected);
    }
}
