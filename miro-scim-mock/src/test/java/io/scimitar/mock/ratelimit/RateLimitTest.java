package io.scimitar.mock.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.TOKEN;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.patchOp;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RateLimitTest {

    @BeforeEach
    void enableRateLimits() {
        reset();
        settings("{\"rateLimitsEnabled\":true}");
    }

    @AfterEach
    void restore() {
        reset();
    }

    private static void settings(String json) {
        given().contentType("application/json").body(json).put("/admin/settings").then().statusCode(200);
    }

    @Test
    void declaresMiroBudgetsPer30SecondWindow() {
        Response settings = given().get("/admin/settings");

        assertThat(settings.<Integer>path("rateLimitWindowSeconds")).isEqualTo(30);
        assertThat(settings.<Integer>path("rateLimitBudgets.USERS_GET")).isEqualTo(200);
        assertThat(settings.<Integer>path("rateLimitBudgets.USERS_CREATE")).isEqualTo(200);
        assertThat(settings.<Integer>path("rateLimitBudgets.USERS_PATCH")).isEqualTo(100);
        assertThat(settings.<Integer>path("rateLimitBudgets.USERS_DELETE")).isEqualTo(20);
        assertThat(settings.<Integer>path("rateLimitBudgets.GROUPS_LIST")).isEqualTo(5);
        assertThat(settings.<Integer>path("rateLimitBudgets.GROUPS_GET")).isEqualTo(20);
        assertThat(settings.<Integer>path("rateLimitBudgets.GROUPS_PATCH")).isEqualTo(100);
        assertThat(settings.<Integer>path("rateLimitBudgets.GROUPS_PATCH_LARGE")).isEqualTo(5);
    }

    @Test
    void answers429TooManyRequestsWithRetryAfterOverTheGroupListBudget() {
        for (int i = 0; i < 5; i++) {
            scim().get(GROUPS).then().statusCode(200);
        }

        Response limited = scim().get(GROUPS);

        assertScimError(limited, 429, "tooManyRequests");
        assertThat(limited.<String>path("detail")).isEqualTo("The user has sent too many requests in a given amount of time");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 30);
        scim().get(USERS).then().statusCode(200);
    }

    @Test
    void countsEachEndpointClassSeparately() {
        settings("{\"rateLimitBudgets\":{\"USERS_DELETE\":1,\"USERS_GET\":2}}");
        String ada = createUser("ada@example.com");
        String bob = createUser("bob@example.com");

        scim().get(USERS + "/" + ada).then().statusCode(200);
        scim().get(USERS + "/" + ada).then().statusCode(200);
        assertScimError(scim().get(USERS + "/" + ada), 429, "tooManyRequests");
        scim().delete(USERS + "/" + ada).then().statusCode(204);
        assertScimError(scim().delete(USERS + "/" + bob), 429, "tooManyRequests");
    }

    @Test
    void chargesLargeGroupPatchesToTheSmallerBudget() {
        settings("{\"rateLimitBudgets\":{\"GROUPS_PATCH_LARGE\":1}}");
        String ada = createUser("ada@example.com");
        String small = patchOp("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ada + "\"}]}");
        String large = patchOp("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + "x".repeat(600) + "\"}");

        scim().body(large).patch(GROUPS + "/" + DEFAULT_TEAM_ID).then().statusCode(200);
        assertScimError(scim().body(large).patch(GROUPS + "/" + DEFAULT_TEAM_ID), 429, "tooManyRequests");
        scim().body(small).patch(GROUPS + "/" + DEFAULT_TEAM_ID).then().statusCode(200);
    }

    @Test
    void judgesChunkedGroupPatchesByTheBytesRead() throws Exception {
        String name = "x".repeat(800);
        String large = patchOp("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + name + "\"}");
        assertThat(large.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(500);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        List<String> names = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + GROUPS + "/"
                            + DEFAULT_TEAM_ID))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/scim+json")
                    // a publisher of unknown length: the client sends the body chunked, with no Content-Length
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(large)))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                names.add(new JsonPath(response.body()).getString("displayName"));
            }
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
        assertThat(names).containsOnly(name);
    }

    @Test
    void switchesOffForThroughputTests() {
        settings("{\"rateLimitsEnabled\":false}");

        for (int i = 0; i < 10; i++) {
            scim().get(GROUPS).then().statusCode(200);
        }
    }
}
