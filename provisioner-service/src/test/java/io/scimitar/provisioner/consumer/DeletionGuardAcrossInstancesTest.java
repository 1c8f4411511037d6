package io.scimitar.provisioner.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deletion guard of a job two instances consume (the other simulated in this JVM, {@link OtherInstance}) counts
 * the disables of both together: a burst split between them trips the guard as one, so neither sends the part it met
 * (counted by each instance alone, at least one part would be within the threshold and go out).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DeletionGuardAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int THRESHOLD = 12;
    private static final int USERS = 20;

    @Inject
    JobConsumer consumer;
    @Inject
    JobRunnerRegistry runners;
    @Inject
    JobService jobs;
    @Inject
    ScimClientFactory scimClients;
    @Inject
    EvaluationSettings evaluation;
    @Inject
    TargetIndexReader targetIndex;

    @Test
    void disablesThroughTwoInstancesAreCountedTogetherAndHeldPastTheThreshold() throws Throwable {
        String app = newApplication();
        Map<String, Object> definition = miroJob(app);
        definition.put("deletionThreshold", THRESHOLD);
        UUID job = UUID.fromString(createJob(definition));
        await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 1);
        try (OtherInstance other = OtherInstance.start(job, consumer, jobs, scimClients, evaluation, targetIndex)) {
            await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 2);
            List<UserSnapshot> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(uniqueUser("Guarded" + i, "Twice", "Sales"));
            }
            users.forEach(user -> publish(assigned(app, user, 1)));
            await().atMost(WAIT).until(() -> activeInMiro(users) == USERS);
            long hereBefore = runners.progress(job).orElseThrow().snapshot().changes();
            long otherBefore = other.changes();

            users.forEach(user -> publish(unassigned(app, user, 2)));

            await().atMost(WAIT).until(() -> held(job).size() == USERS);
            assertThat(quarantineReason(job)).isEqualTo("TooManyDeletes");
            assertThat(runners.progress(job).orElseThrow().snapshot().changes()).as("disables met here")
                    .isGreaterThan(hereBefore);
            assertThat(other.changes()).as("disables met by the other instance")
                    .isGreaterThan(otherBefore);
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                    .until(() -> activeInMiro(users) == USERS);
        }
    }

    private static long activeInMiro(List<UserSnapshot> users) {
        return users.stream().filter(user -> {
            List<JsonNode> found = miroUsers(user.userPrincipalName());
            return !found.isEmpty() && found.get(0).path("active").asBoolean();
        }).count();
    }

    private static List<Object> held(UUID job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/staged-deletions").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private static String quarantineReason(UUID job) {
        return asAdmin().get("/api/v1/jobs/" + job + "/progress").then().statusCode(200).extract()
                .path("quarantine.reason");
    }
}
