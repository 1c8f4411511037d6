package io.scimitar.provisioner.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Turning jobs on and off as an Entra administrator expects: new jobs off, a second start harmless, PUT keeps. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class JobLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void aNewJobIsOffUntilStarted() {
        String app = newApplication();
        Map<String, Object> job = miroJob(app);
        job.remove("status");
        String id = asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs").then().statusCode(201)
                .body("status", equalTo("OFF")).extract().path("id");
        UserSnapshot waiting = uniqueUser("Waits", "ForStart", "L");
        publish(assigned(app, waiting, 1));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> miroUsers(waiting.userPrincipalName()).isEmpty());

        asAdmin().post("/api/v1/jobs/" + id + "/start").then().statusCode(200).body("status", equalTo("ON"));
        await().atMost(WAIT).until(() -> miroUsers(waiting.userPrincipalName()).size() == 1);
    }

    @Test
    void aSecondStartOfARunningJobChangesNothing() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        publish(assigned(app, uniqueUser("Running", "First", "L"), 1));
        List<Map<String, Object>> first = awaitEntries(job, 1);
        int version = asReader().get("/api/v1/jobs/" + job).then().extract().path("version");

        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200)
                .body("status", equalTo("ON")).body("version", equalTo(version));

        publish(assigned(app, uniqueUser("Running", "Second", "L"), 1));
        List<Map<String, Object>> both = awaitEntries(job, 2);
        assertThat(both.get(0).get("cycleId")).as("the run goes on in the same cycle")
                .isEqualTo(first.get(0).get("cycleId"));
        asReader().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200)
                .body("phase", equalTo("INCREMENTAL"));
    }

    @Test
    void aReplaceWithoutStatusKeepsAPausedJobPaused() {
        String app = newApplication();
        Map<String, Object> settings = miroJob(app);
        settings.put("notificationEmail", "ops@example.com");
        settings.put("deletionThreshold", 7);
        String job = createJob(settings);
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200).body("status", equalTo("OFF"));

        Map<String, Object> renamed = miroJob(app);
        renamed.remove("status");
        renamed.put("name", "Renamed while paused");
        asAdmin().contentType(ContentType.JSON).body(renamed).put("/api/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("OFF")).body("name", equalTo("Renamed while paused"))
                .body("notificationEmail", equalTo("ops@example.com")).body("deletionThreshold", equalTo(7));

        UserSnapshot held = uniqueUser("Still", "Paused", "L");
        publish(assigned(app, held, 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> miroUsers(held.userPrincipalName()).isEmpty());

        renamed.put("notificationEmail", "");
        asAdmin().contentType(ContentType.JSON).body(renamed).put("/api/v1/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("OFF")).body("notificationEmail", org.hamcrest.Matchers.nullValue());
    }

    private static List<Map<String, Object>> entries(String job) {
        return asReader().get("/api/v1/jobs/" + job + "/logs").then().statusCode(200).extract().jsonPath()
                .getList("entries");
    }

    private static List<Map<String, Object>> awaitEntries(String job, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> entries(job),
                entries -> entries.size() >= count);
    }
}
