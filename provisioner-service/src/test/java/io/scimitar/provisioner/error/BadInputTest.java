package io.scimitar.provisioner.error;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Every bad input on the provisioner's API is a clear 4xx naming the field, and nothing is stored or run. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class BadInputTest {

    @Test
    void refusesANulCharacterInAnyTextFieldOfAJob() {
        for (String field : List.of("name", "tenantUrl", "secretToken", "notificationEmail")) {
            Map<String, Object> job = miroJob(newApplication());
            job.put(field, "a\u0000b");
            refused(asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs").then(), field)
                    .body("errors[0].message", equalTo("must not contain a NUL character"));
        }
        Map<String, Object> job = miroJob(newApplication());
        job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true, "mappings",
                List.of(Map.of("type", "DIRECT", "source", "mail\u0000", "target", "userName", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 1))));
        refused(asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs").then(),
                "users.mappings[0].source");
    }

    @Test
    void refusesUnknownFieldsOnEveryRequestBody() {
        Map<String, Object> job = miroJob(newApplication());
        job.put("secretTokn", "typo");
        int before = jobCount();
        refused(asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs").then(), "secretTokn")
                .body("errors[0].message", equalTo("is not a field of this request"));
        assertThat(jobCount()).isEqualTo(before);

        String id = createJob(miroJob(newApplication()));
        refused(asAdmin().contentType(ContentType.JSON).body(Map.of("forceDelete", true))
                .post("/api/v1/jobs/" + id + "/restart").then(), "forceDelete");
        refused(asAdmin().contentType(ContentType.JSON).body(Map.of("userId", "u1", "user", "u1"))
                .post("/api/v1/jobs/" + id + "/provision-on-demand").then(), "user");
        refused(asAdmin().contentType(ContentType.JSON).body(Map.of("tenantUrl", MiroMockResource.scimUrl(),
                "secretToken", "t", "timeout", 5)).post("/api/v1/connection-tests").then(), "timeout");
        refused(asReader().contentType(ContentType.JSON).body(Map.of("expression", "[a]", "sample", Map.of()))
                .post("/api/v1/expression-builder/expressions").then(), "sample");
    }

    @Test
    void refusesWrongJsonTypesInsteadOfCoercingThem() {
        String app = newApplication();
        String valid = "\"applicationId\":\"" + app + "\",\"profile\":\"MIRO\",\"tenantUrl\":\""
                + MiroMockResource.scimUrl() + "\",\"secretToken\":\"" + MiroMockResource.TOKEN + "\"";
        postJob("{\"name\":true," + valid + "}", "name", "must be a text");
        postJob("{\"name\":12," + valid + "}", "name", "must be a text");
        postJob("{\"name\":1e400," + valid + "}", "name", "must be a text");
        postJob("{\"name\":\"x\",\"deletionThreshold\":\"5\"," + valid + "}", "deletionThreshold",
                "must be a whole number");
        postJob("{\"name\":\"x\",\"deletionThreshold\":1e400," + valid + "}", "deletionThreshold",
                "must be a whole number");
        postJob("{\"name\":\"x\",\"deletionThreshold\":123456789012345678901234567890," + valid + "}",
                "deletionThreshold", "is out of range");
        postJob("{\"name\":\"x\",\"skipOutOfScopeDeletions\":0," + valid + "}", "skipOutOfScopeDeletions",
                "must be true or false");
        postJob("{\"name\":\"a\\ud800b\"," + valid + "}", "name",
                "must not contain a lone UTF-16 surrogate (an incomplete character)");

        int before = jobCount();
        asAdmin().contentType(ContentType.JSON).body("{\"name\":\"x\"," + valid + "} {\"name\":\"y\"}")
                .post("/api/v1/jobs").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("one JSON value and nothing after it"));
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void refusesAJobForAnIdThatNoApplicationCanHave() {
        refused(asAdmin().contentType(ContentType.JSON).body(miroJob("no-such-application")).post("/api/v1/jobs")
                .then(), "applicationId")
                .body("errors[0].message", containsString("application ids are UUIDs"));
    }

    @Test
    void namesFromInPlainWordsWhenARestartCannotReadIt() {
        String job = createJob(miroJob(newApplication()));
        for (String from : List.of("-99999999999999", "\"yesterday\"", "true")) {
            String body = given().header("Authorization", "Bearer " + io.scimitar.provisioner.provisioning
                            .ProvisioningFixture.ADMIN_KEY).contentType(ContentType.JSON).body("{\"from\":" + from + "}")
                    .post("/api/v1/jobs/" + job + "/restart").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].field", equalTo("from"))
                    .body("errors[0].message", equalTo("must be an ISO-8601 instant such as 2026-11-28T10:00:00Z"))
                    .extract().asString();
            assertThat(body).doesNotContain("java.", "Instant", "Cannot ", "`");
        }
    }

    @Test
    void answersAStaleIfMatchWith412() {
        String job = createJob(miroJob(newApplication()));
        Map<String, Object> changed = miroJob(newApplication());
        changed.remove("secretToken");
        asAdmin().contentType(ContentType.JSON).header("If-Match", "\"999\"").body(changed)
                .put("/api/v1/jobs/" + job).then().statusCode(412).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(412));
    }

    @Test
    void refusesBadLogQueryParametersNamingThem() {
        String job = createJob(miroJob(newApplication()));
        refused(asReader().queryParam("identity", "\u0000").get("/api/v1/jobs/" + job + "/logs").then(), "identity");
        refused(asReader().queryParam("limit", "ten").get("/api/v1/jobs/" + job + "/logs").then(), "limit");
        refused(asReader().queryParam("cursor", "abc").get("/api/v1/jobs/" + job + "/logs").then(), "cursor");
        refused(asReader().queryParam("limit", "1.5").get("/api/v1/jobs/" + job + "/staged-deletions").then(),
                "limit");
        asReader().queryParam("limit", "2").queryParam("cursor", "99").get("/api/v1/jobs/" + job + "/logs").then()
                .statusCode(200);
    }

    @Test
    void matchesTheLogsIdentityLiterallyNotAsAPattern() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot grace = uniqueUser("Grace", "Literal", "Navy");
        publish(assigned(app, grace, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asReader().queryParam("identity", "grace.literal")
                .get("/api/v1/jobs/" + job + "/logs").then().statusCode(200).body("entries.size()", equalTo(1)));

        for (String pattern : List.of("%", "grace_literal", "grace%literal")) {
            asReader().queryParam("identity", pattern).get("/api/v1/jobs/" + job + "/logs").then().statusCode(200)
                    .body("entries.size()", equalTo(0));
        }
    }

    @Test
    void answersTheExpressionBuilderWithAResultOrA400NeverA500() {
        asReader().contentType(ContentType.JSON).body(Map.of("filters", List.of(Map.of("title", "t", "clauses",
                        List.of(Map.of("attribute", "department", "operator", "SOUNDS_LIKE", "value", "x"))))))
                .post("/api/v1/expression-builder/scoping-filters").then().statusCode(200)
                .body("status", equalTo("INVALID")).body("error", containsString("'SOUNDS_LIKE' is not a scoping"));
        refused(asReader().contentType(ContentType.JSON).body("{\"expression\":\"[a]\",\"source\":"
                        + "{\"appRoleAssignments\":[null]}}").post("/api/v1/expression-builder/expressions").then(),
                "source.appRoleAssignments[0]");
        refused(asReader().contentType(ContentType.JSON).body("{\"filters\":[null]}")
                .post("/api/v1/expression-builder/scoping-filters").then(), "filters[0]")
                .body("errors[0].message", equalTo("must not be null"));
        refused(asReader().contentType(ContentType.JSON).body("{\"mappings\":[null]}")
                .post("/api/v1/expression-builder/mappings").then(), "mappings[0]");
    }

    @Test
    void refusesAnExpressionThatWouldFillTheMemory() {
        String expression = nineNestedReplaces();
        assertThat(expression.length()).isLessThan(415);

        asReader().contentType(ContentType.JSON).body(Map.of("expression", expression))
                .post("/api/v1/expression-builder/expressions").then().statusCode(200)
                .body("status", equalTo("INVALID"))
                .body("error", equalTo("Replace would produce more than 100000 characters; the expression is refused"));
        asReader().get("/api/v1/jobs").then().statusCode(200);
    }

    @Test
    void failsOnlyTheChangeWhenAJobsMappingGoesPastTheBudget() {
        String app = newApplication();
        Map<String, Object> job = miroJob(app);
        job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true, "mappings", List.of(
                Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName", "applyOn", "ALWAYS",
                        "matching", true, "matchingPrecedence", 1),
                Map.of("type", "EXPRESSION", "source", nineNestedReplaces(), "target", "displayName",
                        "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0))));
        String id = createJob(job);
        UserSnapshot ada = uniqueUser("Ada", "Budget", "R&D");

        publish(assigned(app, ada, 1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asReader().queryParam("identity", ada.id())
                .get("/api/v1/jobs/" + id + "/logs").then().statusCode(200)
                .body("entries[0].status", equalTo("FAILURE"))
                .body("entries[0].errorReason", startsWith("Mapping to 'displayName' failed: Replace would produce "
                        + "more than 100000 characters; the expression is refused")));
        asReader().get("/api/v1/jobs/" + id + "/progress").then().statusCode(200);
        asAdmin().post("/api/v1/jobs/" + id + "/dry-run").then().statusCode(200)
                .body("counts.FAIL", equalTo(1))
                .body("changes[0].reason", startsWith("Mapping to 'displayName' failed: Replace would produce"));
    }

    @Test
    void asksAnonymousCallersForAKeyBeforeLookingAtTheirContentType() {
        given().contentType(ContentType.TEXT).body("x").post("/api/v1/jobs").then().statusCode(401);
        given().contentType(ContentType.XML).body("<x/>").post("/api/v1/expression-builder/expressions").then()
                .statusCode(401);
    }

    @Test
    void namesNoJavaClassInAnyRefusal() {
        for (String body : List.of("{\"users\":\"x\"}", "{\"users\":{\"mappings\":{}}}", "[1]", "\"x\"",
                "{\"rateLimits\":{\"budgets\":[1]}}", "{\"name\":{\"a\":1}}", "{\"name\":\"x\",\"name\":\"y\"}",
                "{\"profile\":7}", "{\"users\":{\"scopingFilters\":[{\"clauses\":[{\"operator\":[]}]}]}}")) {
            String answer = asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/jobs").then()
                    .statusCode(400).contentType(Problem.MEDIA_TYPE).extract().asString();
            assertThat(answer).as(body).doesNotContain("io.scimitar", "java.", "`", "Cannot ", "Exception");
        }
    }

    static String nineNestedReplaces() {
        String expression = "\"xxxxxxxxxx\"";
        for (int i = 0; i < 9; i++) {
            expression = "Replace(" + expression + ", \"x\", , , \"xxxxxxxxxx\", , )";
        }
        return expression;
    }

    private static void postJob(String body, String field, String message) {
        refused(asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/jobs").then(), field)
                .body("errors[0].message", equalTo(message));
    }

    private static ValidatableResponse refused(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem(field))
                .body("detail", not(containsString("java.")));
    }

    private static int jobCount() {
        return asReader().get("/api/v1/jobs").then().extract().jsonPath().getList("$").size();
    }
}
