package io.scimitar.provisioner.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer.ReceivedRequest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart requested through one instance while another consumes the same job (the other simulated in this JVM by a
 * second runner of the job, with its own Kafka consumer in the job's group, as in {@code PartitionSharingTest}): both
 * leave the job's consumer group, exactly one of them carries the restart out, and both consume afterwards.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class RestartAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ThirdPartyScimServer server;

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

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aFullRestartRequestedThroughOneOfTwoInstancesSendsExactlyOneWritePerObjectOntoAnEmptyTarget()
            throws Throwable {
        String app = newApplication();
        UUID job = UUID.fromString(createJob(Map.of("name", "Two instances " + app, "applicationId", app,
                "profile", "GENERIC_SCIM", "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN,
                "allowInsecureHttp", true, "status", "ON")));
        await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 1);
        try (OtherInstance other = OtherInstance.start(job, consumer, jobs, scimClients, evaluation, targetIndex)) {
            await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 2);
            List<UserSnapshot> users = new ArrayList<>();
            List<AssignmentEvent> history = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                UserSnapshot user = uniqueUser("Member" + i, "Twice", "Instances");
                users.add(user);
                history.add(assigned(app, user, 1));
            }
            String groupId = UUID.randomUUID().toString();
            String name = "Deux instances " + groupId.substring(0, 8);
            history.add(assignedGroup(app, groupId, name, 1));
            history.add(membersAdded(app, groupId, 2, users.get(0).id(), users.get(1).id(), users.get(2).id()));
            publish(history.toArray(AssignmentEvent[]::new));
            await().atMost(WAIT).until(() -> users.stream().allMatch(user -> server.user(user.userPrincipalName())
                    != null) && memberIds(server.group(name)).size() == 3);
            awaitQuiet();
            assertThat(other.changes()).as("changes applied by the other instance").isPositive();

            server.wipe();
            server.clearRequests();
            asAdmin().contentType(ContentType.JSON).body(Map.of("full", true))
                    .post("/api/v1/jobs/" + job + "/restart").then().statusCode(200);

            await().atMost(WAIT).until(() -> users.stream().allMatch(user -> server.user(user.userPrincipalName())
                    != null) && memberIds(server.group(name)).size() == 3);
            awaitQuiet();
            List<ReceivedRequest> writes = server.requests().stream()
                    .filter(request -> !request.method().equals("GET")).toList();
            assertThat(writes).as("one write per object in scope: its POST, and no PATCH")
                    .hasSize(users.size() + 1)
                    .allSatisfy(request -> {
                        assertThat(request.method()).isEqualTo("POST");
                        assertThat(request.status()).isLessThan(300);
                    });
            assertThat(writes).filteredOn(request -> request.path().equals("/Users"))
                    .extracting(request -> request.json().path("userName").asText().toLowerCase())
                    .containsExactlyInAnyOrderElementsOf(users.stream().map(UserSnapshot::userPrincipalName)
                            .map(String::toLowerCase).toList());

            // both instances are back in the job's consumer group, and both consume
            await().atMost(WAIT).until(() -> OtherInstance.membersOwningPartitions(job) == 2);
            long thisBefore = runners.progress(job).orElseThrow().snapshot().changes();
            long otherBefore = other.changes();
            List<UserSnapshot> later = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                later.add(uniqueUser("Later" + i, "Twice", "Instances"));
            }
            publish(later.stream().map(user -> assigned(app, user, 1)).toArray(AssignmentEvent[]::new));
            await().atMost(WAIT).until(() -> later.stream().allMatch(user -> server.user(user.userPrincipalName())
                    != null));
            awaitQuiet();
            assertThat(runners.progress(job).orElseThrow().snapshot().changes()).as("changes applied here")
                    .isGreaterThan(thisBefore);
            assertThat(other.changes()).as("changes applied by the other instance")
                    .isGreaterThan(otherBefore);
            assertThat(server.requests()).filteredOn(request -> !request.method().equals("GET"))
                    .as("one POST per user published after the restart, nothing else")
                    .hasSize(users.size() + 1 + later.size());
        }
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        if (group != null) {
            group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        }
        return ids;
    }

    /** Waits until the server has received no request for 3 s. */
    private static void awaitQuiet() {
        IntSupplier count = () -> server.requests().size();
        int[] last = {count.getAsInt()};
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(40)).until(() -> {
            int now = count.getAsInt();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }
}
