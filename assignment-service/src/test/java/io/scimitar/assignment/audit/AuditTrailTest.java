package io.scimitar.assignment.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.assignment.support.AdminCaller;
import io.scimitar.assignment.support.Api;
import io.scimitar.security.audit.AuditRecord;
import io.scimitar.security.audit.AuditRepository;
import io.scimitar.security.audit.AuditRetention;
import io.scimitar.security.audit.AuditWriter;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class AuditTrailTest {

    @Inject
    AuditRepository audit;

    @Inject
    AuditRetention retention;

    @Inject
    Pool database;

    @Inject
    AuditWriter writer;

    @Test
    void recordsAPatchByANamedKeyWithItsFieldNamesAndNoValues() {
        String id = Api.createUser("audited");
        String secretish = "value-" + UUID.randomUUID();
        given().contentType("application/merge-patch+json").header("X-Forwarded-For", "203.0.113.9")
                .body(inOrder("department", secretish, "extensionAttributes", Map.of("extension_3fe4_costCenter",
                        secretish)))
                .patch("/api/v1/users/" + id).then().statusCode(200);

        JsonPath patch = awaitRecord("resourceType=users&resourceId=" + id, "PATCH /users/{id}");
        assertThat(patch.getString("actor")).isEqualTo(AdminCaller.ADMIN_NAME);
        assertThat(patch.getInt("status")).isEqualTo(200);
        assertThat(patch.getString("path")).isEqualTo("/api/v1/users/" + id);
        assertThat(patch.getList("fields", String.class)).containsExactly("department", "extensionAttributes",
                "extensionAttributes.extension_3fe4_costCenter");
        assertThat(patch.getString("remoteAddress")).as("X-Forwarded-For is believed only from trusted proxies")
                .isEqualTo("127.0.0.1");
        assertThat(patch.getString("recordedAt")).isNotBlank();
        assertThat(given().get("/api/v1/audit?resourceId=" + id).asString()).doesNotContain(secretish);

        JsonPath create = awaitRecord("resourceType=users&resourceId=" + id, "POST /users");
        assertThat(create.getList("fields", String.class)).contains("userPrincipalName", "displayName");
    }

    @Test
    void recordsRefusedWritesWithTheCallerOrAnonymous() {
        String upn = Api.uniqueUpn("refused");
        String body = "{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"x\"}";
        given().header("X-API-Key", AdminCaller.READER_KEY).contentType(ContentType.JSON).body(body)
                .post("/api/v1/users").then().statusCode(403);
        given().header("Authorization", "Bearer not-a-key-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/users").then().statusCode(401);
        String missing = UUID.randomUUID().toString();
        given().contentType("application/merge-patch+json").body("{\"surname\":\"x\"}")
                .patch("/api/v1/users/" + missing).then().statusCode(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> reader = items("actor=" + AdminCaller.READER_NAME + "&resourceType=users");
            assertThat(reader).anySatisfy(item -> assertThat(item).containsEntry("status", 403)
                    .containsEntry("operation", "POST /users"));
            List<Map<String, Object>> anonymous = items("actor=anonymous&resourceType=users");
            assertThat(anonymous).anySatisfy(item -> assertThat(item).containsEntry("status", 401));
            assertThat(items("resourceId=" + missing)).singleElement().satisfies(item -> assertThat(item)
                    .containsEntry("status", 404).containsEntry("actor", AdminCaller.ADMIN_NAME)
                    .containsEntry("fields", List.of("surname")));
        });
    }

    @Test
    void letsOnlyAdminsReadTheTrail() {
        given().header("X-API-Key", AdminCaller.READER_KEY).get("/api/v1/audit").then().statusCode(403);
        given().header("Authorization", "Bearer not-a-key").get("/api/v1/audit").then().statusCode(401);
        given().get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void answersBadParametersWithAProblemNamingThem() {
        for (String query : List.of("limit=abc", "limit=0", "limit=1001", "after=x", "after=-3", "since=yesterday",
                "until=2026-13-01T00:00:00Z", "since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z")) {
            String parameter = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
            given().get("/api/v1/audit?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'" + parameter + "'"));
        }
    }

    @Test
    void pagesNewestFirst() {
        String id = Api.createUser("paged");
        for (String surname : List.of("One", "Two", "Three")) {
            given().contentType("application/merge-patch+json").body(Map.of("surname", surname))
                    .patch("/api/v1/users/" + id).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> items("resourceId=" + id).size() == 4);
        JsonPath first = given().get("/api/v1/audit?resourceId=" + id + "&limit=3").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("items.operation", String.class)).containsExactly("PATCH /users/{id}",
                "PATCH /users/{id}", "PATCH /users/{id}");
        given().get("/api/v1/audit?resourceId=" + id + "&limit=3&after=" + first.getString("nextCursor"))
                .then().statusCode(200).body("items.operation", equalTo(List.of("POST /users")))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void refusesWritesWhileTheTrailCannotBeStoredAndStoresTheWaitingRecordsAfterwards() {
        String id = Api.createUser("closed");
        sql("ALTER TABLE audit_record RENAME TO audit_record_unreachable");
        try {
            given().contentType("application/merge-patch+json").body("{\"surname\":\"Before\"}")
                    .patch("/api/v1/users/" + id).then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(writer::isFailing);
            given().contentType("application/merge-patch+json").body("{\"surname\":\"During\"}")
                    .patch("/api/v1/users/" + id).then().statusCode(503).contentType("application/problem+json");
            given().get("/api/v1/users/" + id).then().statusCode(200).body("surname", equalTo("Before"));
        } finally {
            sql("ALTER TABLE audit_record_unreachable RENAME TO audit_record");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !writer.isFailing());
        given().contentType("application/merge-patch+json").body("{\"surname\":\"After\"}")
                .patch("/api/v1/users/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(items("resourceId=" + id))
                .extracting(item -> item.get("status")).containsExactly(200, 503, 200, 201));
    }

    /** A batch is one statement: each record keeps its own field names (any characters, any number) and its order. */
    @Test
    void aBatchKeepsEachRecordsFieldsNullsAndOrder() {
        String actor = "batch-" + UUID.randomUUID();
        Instant at = Instant.now();
        audit.insert(List.of(
                new AuditRecord(null, at, actor, "PATCH", "/api/v1/users/1", "PATCH /users/{id}", "users", "1",
                        List.of("displayName", "a \"quoted\", comma'd {name}", "naïve ✓"), 200, "10.0.0.1"),
                new AuditRecord(null, at, actor, "POST", "/api/v1/nowhere", "POST /nowhere", null, null, List.of(),
                        404, null),
                new AuditRecord(null, at, actor, "PUT", "/api/v1/groups/2", "PUT /groups/{id}", "groups", "2",
                        List.of("members"), 409, "::1"))).await().indefinitely();

        List<List<Object>> stored = new ArrayList<>();
        database.preparedQuery("SELECT method, resource_type, resource_id, field_names, status, remote_address "
                + "FROM audit_record WHERE actor = $1 ORDER BY id").execute(Tuple.of(actor)).await().indefinitely()
                .forEach(row -> stored.add(Arrays.asList(row.getString(0), row.getString(1), row.getString(2),
                        List.of(row.getArrayOfStrings(3)), row.getInteger(4), row.getString(5))));
        assertThat(stored).containsExactly(
                Arrays.asList("PATCH", "users", "1", List.of("displayName", "a \"quoted\", comma'd {name}",
                        "naïve ✓"), 200, "10.0.0.1"),
                Arrays.asList("POST", null, null, List.of(), 404, null),
                Arrays.asList("PUT", "groups", "2", List.of("members"), 409, "::1"));
    }

    @Test
    void retentionDeletesRecordsOlderThanTheRetentionPeriod() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        audit.insert(List.of(record(old, Instant.now().minus(Duration.ofDays(366))),
                record(recent, Instant.now().minus(Duration.ofDays(364))))).await().indefinitely();

        retention.purgeNow().await().indefinitely();

        assertThat(count(old)).isZero();
        assertThat(count(recent)).isEqualTo(1);
    }

    private void sql(String statement) {
        database.query(statement).execute().await().indefinitely();
    }

    private long count(String resourceId) {
        return database.preparedQuery("SELECT count(*) FROM audit_record WHERE resource_id = $1")
                .execute(Tuple.of(resourceId)).await().indefinitely().iterator().next().getLong(0);
    }

    private static AuditRecord record(String resourceId, Instant at) {
        return new AuditRecord(null, at, "test-admin", "DELETE", "/api/v1/users/" + resourceId,
                "DELETE /users/{id}", "users", resourceId, List.of(), 204, "127.0.0.1");
    }

    private static List<Map<String, Object>> items(String query) {
        return given().get("/api/v1/audit?" + query).then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static JsonPath awaitRecord(String query, String operation) {
        await().atMost(Duration.ofSeconds(10)).until(() -> items(query).stream()
                .anyMatch(item -> operation.equals(item.get("operation"))));
        List<Map<String, Object>> items = items(query);
        int index = 0;
        while (!operation.equals(items.get(index).get("operation"))) {
            index++;
        }
        return given().get("/api/v1/audit?" + query).then().extract().jsonPath().setRootPath("items[" + index + "]");
    }

    /** A body whose fields keep the order given: Map.of iterates in an order that changes from one JVM to the next. */
    private static Map<String, Object> inOrder(String first, Object firstValue, String second, Object secondValue) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put(first, firstValue);
        body.put(second, secondValue);
        return body;
    }
}
