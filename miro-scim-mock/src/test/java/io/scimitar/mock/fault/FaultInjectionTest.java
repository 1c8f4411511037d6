package io.scimitar.mock.fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.assertScimError;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.userJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class FaultInjectionTest {

    @BeforeEach
    void cleanState() {
        reset();
    }

    private static void faults(String json) {
        given().contentType("application/json").body(json).put("/admin/faults").then().statusCode(200);
    }

    @Test
    void failsTheNextRequestsDeterministicallyWithRetryAfter() {
        faults("[{\"endpoint\":\"USERS_CREATE\",\"failNext\":2,\"errorStatus\":503,\"retryAfterSeconds\":7}]");

        Response first = scim().body(userJson("ada@example.com")).post(USERS);
        assertScimError(first, 503, null);
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertScimError(scim().body(userJson("ada@example.com")).post(USERS), 503, null);
        scim().body(userJson("ada@example.com")).post(USERS).then().statusCode(201);
        assertThat(given().get("/admin/faults").<Integer>path("[0].failNext")).isZero();
    }

    @Test
    void answersErrorsAtTheConfiguredRateOnlyForTheChosenEndpoint() {
        String ada = createUser("ada@example.com");
        faults("[{\"endpoint\":\"USERS_GET\",\"errorRate\":1.0}]");

        assertScimError(scim().get(USERS + "/" + ada), 500, null);
        scim().get(USERS).then().statusCode(200);
        scim().get(GROUPS).then().statusCode(200);
    }

    @Test
    void appliesToEveryScimEndpointWithoutEndpoint() {
        faults("[{\"errorRate\":1.0,\"errorStatus\":503}]");

        assertScimError(scim().get(USERS), 503, null);
        assertScimError(scim().get(GROUPS), 503, null);
        given().get("/admin/state").then().statusCode(200);
    }

    @Test
    void addsLatency() {
        faults("[{\"endpoint\":\"USERS_LIST\",\"latencyMs\":300}]");

        long start = System.nanoTime();
        scim().get(USERS).then().statusCode(200);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void addsLatencyToRequestsWithABody() {
        faults("[{\"endpoint\":\"USERS_CREATE\",\"latencyMs\":200}]");

        long start = System.nanoTime();
        scim().body(userJson("ada@example.com")).post(USERS).then().statusCode(201);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void dropsConnections() {
        faults("[{\"endpoint\":\"USERS_LIST\",\"dropRate\":1.0}]");

        assertThatThrownBy(() -> scim().get(USERS)).isInstanceOf(Exception.class);
        assertThat(given().get("/admin/counters").<Integer>path("USERS_LIST.dropped")).isPositive();
    }

    @Test
    void holdsRequestsUntilTheyTimeOutAndThenClosesTheConnection() {
        faults("[{\"endpoint\":\"GROUPS_LIST\",\"timeoutRate\":1.0,\"timeoutMs\":400}]");

        long start = System.nanoTime();
        assertThatThrownBy(() -> scim().get(GROUPS)).isInstanceOf(Exception.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
        assertThat(given().get("/admin/counters").<Integer>path("GROUPS_LIST.timeout")).isPositive();
    }

    @Test
    void addsRulesOneByOneAndClearsThem() {
        given().contentType("application/json").body("{\"endpoint\":\"USERS_LIST\",\"errorRate\":1.0}").post("/admin/faults")
                .then().statusCode(201);
        assertScimError(scim().get(USERS), 500, null);

        given().delete("/admin/faults").then().statusCode(204);

        scim().get(USERS).then().statusCode(200);
        assertThat(given().get("/admin/faults").jsonPath().getList("$")).isEmpty();
    }

    @Test
    void rejectsInvalidRules() {
        given().contentType("application/json").body("[{\"errorRate\":2.0}]").put("/admin/faults").then().statusCode(400);
        given().contentType("application/json").body("[{\"errorStatus\":200}]").put("/admin/faults").then().statusCode(400);
        given().contentType("application/json").body("[{\"endpoint\":\"NOPE\"}]").put("/admin/faults").then().statusCode(400);
        given().contentType("application/json").body("{}").put("/admin/faults").then().statusCode(400);
    }
}
