package io.scimitar.provisioner.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.provisioner.provisioning.ProvisioningFixture;
import io.scimitar.security.audit.AuditRecord;
import io.scimitar.security.audit.AuditRepository;
import io.scimitar.security.audit.AuditRetention;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class AuditTrailTest {

    @Inject
    AuditRepository audit;

    @Inject
    AuditRetention retention;

    @Inject
    Pool database;

    @Test
    @SuppressWarnings("unchecked")
    void recordsJobWritesByTheKeysNameWithFieldNamesButNeverTheSecretToken() {
        String firstToken = "audit-token-" + UUID.randomUUID();
        String secondToken = "audit-token-" + UUID.randomUUID();
        Map<String, Object> job = ProvisioningFixture.miroJob(ProvisioningFixture.newApplication());
        job.put("secretToken", firstToken);
        String id = ProvisioningFixture.createJob(job);
        job.put("secretToken", secondToken);
        asAdmin().contentType(ContentType.JSON).body(job).put("/api/v1/jobs/" + id).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> items("resourceId=" + id).size() == 2);
        List<Map<String, Object>> items = items("resourceType=jobs&resourceId=" + id);
        assertThat(items).extracting(item -> item.get("operation"))
                .containsExactly("PUT /jobs/{id}", "POST /jobs");
        assertThat(items).allSatisfy(item -> {
            assertThat(item).containsEntry("actor", ProvisioningFixture.ADMIN_NAME);
            assertThat((List<Object>) item.get("fields")).contains("secretToken", "tenantUrl", "applicationId");
        });
        assertThat(items).extracting(item -> item.get("status")).containsExactly(200, 201);

        String answer = asAdmin().get("/api/v1/audit?resourceId=" + id).then().statusCode(200).extract().asString();
        assertThat(answer).doesNotContain(firstToken).doesNotContain(secondToken);
        assertThat(rawRows(id)).doesNotContain(firstToken).doesNotContain(secondToken);
    }

    @Test
    void recordsAReadersRefusedWriteAndRefusesItTheTrail() {
        String id = UUID.randomUUID().toString();
        asReader().contentType(ContentType.JSON).body("{}").post("/api/v1/jobs/" + id + "/start")
                .then().statusCode(403);
        asReader().get("/api/v1/audit").then().statusCode(403);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(items("resourceId=" + id))
                .singleElement().satisfies(item -> assertThat(item)
                        .containsEntry("actor", ProvisioningFixture.READER_NAME).containsEntry("status", 403)
                        .containsEntry("operation", "POST /jobs/{id}/start")));
    }

    @Test
    void answersABadCursorWithAProblem() {
        asAdmin().get("/api/v1/audit?after=abc").then().statusCode(400).contentType("application/problem+json");
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

    private String rawRows(String resourceId) {
        StringBuilder rows = new StringBuilder();
        database.preparedQuery("SELECT row_to_json(a)::text FROM audit_record a WHERE resource_id = $1")
                .execute(Tuple.of(resourceId)).await().indefinitely().forEach(row -> rows.append(row.getString(0)));
        return rows.toString();
    }

    private long count(String resourceId) {
        return database.preparedQuery("SELECT count(*) FROM audit_record WHERE resource_id = $1")
                .execute(Tuple.of(resourceId)).await().indefinitely().iterator().next().getLong(0);
    }

    private static AuditRecord record(String resourceId, Instant at) {
        return new AuditRecord(null, at, "test-admin", "DELETE", "/api/v1/jobs/" + resourceId, "DELETE /jobs/{id}",
                "jobs", resourceId, List.of(), 204, "127.0.0.1");
    }

    private static List<Map<String, Object>> items(String query) {
        return asAdmin().get("/api/v1/audit?" + query).then().statusCode(200).extract().jsonPath().getList("items");
    }
}
