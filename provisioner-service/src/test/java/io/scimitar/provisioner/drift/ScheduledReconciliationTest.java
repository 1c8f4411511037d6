package io.scimitar.provisioner.drift;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A job's reconciliation schedule is off by default; set to a short period, it runs reconciliations on its own. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ScheduledReconciliationTest {

    @Test
    void runsReconciliationsOnTheJobsScheduleOnlyOnceItIsSet() {
        String job = createJob(miroJob(newApplication()));
        String schedule = "/api/v1/jobs/" + job + "/reconciliation-schedule";
        asAdmin().get(schedule).then().statusCode(200).body("enabled", equalTo(false));
        assertThat(reconciliations(job)).isEmpty();

        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":true,\"every\":\"PT2S\",\"mode\":\"REPORT\"}")
                .put(schedule).then().statusCode(200).body("enabled", equalTo(true)).body("every", equalTo("PT2S"));

        await().atMost(Duration.ofSeconds(60)).until(() -> reconciliations(job).stream()
                .filter(r -> "schedule".equals(r.get("triggeredBy")) && "COMPLETED".equals(r.get("status")))
                .count() >= 2);
        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":false}").put(schedule).then().statusCode(200)
                .body("enabled", equalTo(false)).body("nextRun", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void refusesASchedulesBadFields() {
        String job = createJob(miroJob(newApplication()));
        String schedule = "/api/v1/jobs/" + job + "/reconciliation-schedule";
        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":true,\"dailyAt\":\"25:99\"}").put(schedule)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dailyAt"));
        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":true,\"every\":\"often\"}").put(schedule)
                .then().statusCode(400).body("errors[0].field", equalTo("every"));
        asAdmin().contentType(ContentType.JSON).body("{\"enabled\":true}").put(schedule)
                .then().statusCode(400).body("errors[0].field", equalTo("every"));
        asAdmin().get(schedule).then().statusCode(200).body("enabled", equalTo(false));
    }

    private static List<Map<String, Object>> reconciliations(String job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }
}
