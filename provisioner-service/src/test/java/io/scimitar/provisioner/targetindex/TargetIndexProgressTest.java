package io.scimitar.provisioner.targetindex;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUserCount;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The target index's status in {@code GET /jobs/{id}/progress}, against the real mock: a job whose target already
 * holds users shows its read under way (not trusted yet), then complete with what it read, and trusted.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TargetIndexProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SEEDED = 12;

    private String job;

    @AfterEach
    void deleteJob() {
        miroFaults("[]");
        if (job != null) {
            asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
        }
    }

    @Test
    void showsTheReadUnderWayThenCompleteWithTheObjectsReadPerType() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < SEEDED; i++) {
            scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                    + "indexed." + i + "." + run + "@example.com\",\"displayName\":\"Seeded\"}");
        }
        long usersBefore = miroUserCount();
        // each page of users answers slowly, so that the read is seen under way
        miroFaults("[{\"endpoint\":\"USERS_LIST\",\"latencyMs\":3000}]");
        Instant created = Instant.now();

        job = createJob(miroJob(newApplication()));

        JsonPath reading = await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(this::progress,
                progress -> "READING".equals(progress.getString("targetIndex.users.status")));
        assertThat(reading.getBoolean("targetIndex.users.trusted")).isFalse();
        assertThat(Instant.parse(reading.getString("targetIndex.users.startedAt"))).isAfterOrEqualTo(
                created.minusSeconds(1));
        assertThat(reading.getString("targetIndex.users.completedAt")).isNull();
        assertThat(reading.getList("targetIndex.users.attributes")).contains("userName");

        JsonPath complete = await().atMost(WAIT).until(this::progress,
                progress -> "COMPLETE".equals(progress.getString("targetIndex.groups.status")));
        miroFaults("[]");
        long usersAfter = miroUserCount();

        assertThat(complete.getString("targetIndex.users.status")).isEqualTo("COMPLETE");
        assertThat(complete.getBoolean("targetIndex.users.trusted")).isTrue();
        assertThat(complete.getLong("targetIndex.users.objectsRead")).as("users read")
                .isBetween(Math.max(SEEDED, usersBefore), usersAfter);
        assertThat(complete.getString("targetIndex.users.startedAt")).isNull();
        assertThat(Instant.parse(complete.getString("targetIndex.users.completedAt")))
                .isAfter(Instant.parse(reading.getString("targetIndex.users.startedAt")));
        assertThat(complete.getBoolean("targetIndex.groups.trusted")).isTrue();
        assertThat(complete.getLong("targetIndex.groups.objectsRead")).as("teams read, the default one at least")
                .isPositive();
        assertThat(complete.getString("targetIndex.groups.completedAt")).isNotNull();
    }

    @Test
    void aJobNotRunningHereShowsNoIndex() {
        java.util.Map<String, Object> paused = miroJob(newApplication());
        paused.put("status", "OFF");
        job = createJob(paused);

        JsonPath progress = progress();

        assertThat(progress.getString("phase")).isEqualTo("PAUSED");
        assertThat(progress.getMap("targetIndex")).containsEntry("users", null).containsEntry("groups", null);
    }

    private JsonPath progress() {
        return asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract().jsonPath();
    }
}
