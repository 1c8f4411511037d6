package io.scimitar.mock.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.scimitar.mock.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.ERROR_SCHEMA;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.TOKEN;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.userJson;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RequestLimitsTest {

    private static final Duration READ_BOUND = Duration.ofSeconds(5);

    @BeforeEach
    void cleanState() {
        reset();
    }

    @Test
    void answersTooLongUrlsWithTheScimErrorBody() {
        Response response = scim().queryParam("filter", "userName eq \"" + "a".repeat(5000) + "@example.com\"").get(USERS);

        assertScimError(response, 414, null);
        assertThat(response.<String>path("detail")).contains("4096");
    }

    @Test
    void answersTooLongAdminUrlsWithProblemJson() {
        Response response = given().queryParam("x", "a".repeat(5000)).get("/admin/settings");

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<Integer>path("status")).isEqualTo(414);
    }

    @Test
    void answersBodiesOverTenMegabytesWithTheScimErrorBody() throws IOException {
        try (RawHttp http = new RawHttp(READ_BOUND)) {
            http.send("POST " + USERS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/scim+json\r\nContent-Length: 11000000\r\n\r\n{");

            RawHttp.Answer answer = http.read();

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.headers().get("content-type")).startsWith("application/scim+json");
            JsonPath body = new JsonPath(answer.body());
            assertThat(body.getList("schemas", String.class)).containsExactly(ERROR_SCHEMA);
            assertThat(body.getString("status")).isEqualTo("413");
            assertThat(body.getString("detail")).contains("10485760");
        }
    }

    @Test
    void answersExpectContinueBeforeTheBodyOfACreate() throws IOException {
        byte[] body = userJson("ada@example.com").getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(READ_BOUND)) {
            http.send("POST " + USERS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/scim+json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n");

            assertThat(http.read().status()).isEqualTo(100);
            http.send(body);
            RawHttp.Answer created = http.read();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(new JsonPath(created.body()).getString("userName")).isEqualTo("ada@example.com");
        }
    }
}
