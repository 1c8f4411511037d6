package io.scimitar.provisioner.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.StageFixture;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.provisioner.targetindex.IndexRefresh;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.provisioner.thirdparty.KeyPartitions;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer.ReceivedRequest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full restart onto a target that lost its data, stopped once its user pass is done and before its group pass
 * applied anything: the markers record that the users are applied (and the target checked), so the next start goes on
 * with the groups only; the target ends equal to the directory, with one POST per object and nothing twice.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class RestartStopBetweenPassesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RestartReplay replay;

    @Inject
    BatchApplier applier;

    @Inject
    JobSupervisor supervisor;

    @Inject
    TargetIndexReader targetIndex;

    @Inject
    StageJobs stageJobs;

    @Inject
    ConsumerSettings settings;

    @Test
    void aRestartStoppedBetweenItsUserAndGroupPassesGoesOnWithTheGroupsAtTheNextStart() {
        ThirdPartyScimServer server = ThirdPartyScimServer.shared();
        String app = newApplication();
        String job = createJob(Map.of("name", "Stopped restart " + app, "applicationId", app, "profile",
                "GENERIC_SCIM", "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN,
                "allowInsecureHttp", true, "status", "ON"));
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(KeyPartitions.userOn(app, p -> p >= 1, "Member" + i, "Stopped"));
        }
        String groupId = KeyPartitions.groupOn(app, p -> p == 0);
        String name = "Équipe arrêtée " + groupId.substring(0, 8);
        List<AssignmentEvent> history = new ArrayList<>();
        users.forEach(user -> history.add(assigned(app, user, 1)));
        history.add(assignedGroup(app, groupId, name, 1));
        history.add(membersAdded(app, groupId, 2, users.stream().map(UserSnapshot::id).toArray(String[]::new)));
        publish(history.toArray(AssignmentEvent[]::new));
        await().atMost(WAIT).until(() -> memberIds(server.group(name)).size() == users.size());
        awaitQuiet(server);
        pause(job);

        server.wipe();
        server.clearRequests();
        asAdmin().contentType(ContentType.JSON).body(Map.of("full", true)).post("/api/v1/jobs/" + job + "/restart")
                .then().statusCode(200);
        assertThat(markers(job)).as("the paused job waits to carry out its restart").isNotEmpty()
                .allSatisfy((partition, marker) -> assertThat(marker.full()).isTrue());

        // the restart carried out as the job's thread does, stopped the moment its group pass hands on a batch
        JobDefinition definition = StageFixture.genericJob(UUID.fromString(job), app, ProvisioningScope.ASSIGNED_ONLY,
                server.scimUrl(), ThirdPartyScimServer.TOKEN);
        JobContext context = stageJobs.context(definition);
        JobWatch watch = supervisor.watch(definition.id(), new JobProgress());
        AtomicBoolean running = new AtomicBoolean(true);
        targetIndex.readAtStart(definition, context.scim(), IndexRefresh.ALWAYS, running::get);
        boolean done = replay.replayIfPending(context, consumerProperties(job), running::get, batch -> {
            boolean usersOnly = batch.values().stream().flatMap(List::stream)
                    .allMatch(event -> event instanceof UserAssignmentEvent || event instanceof UserDeletedEvent);
            if (!usersOnly || !running.get()) {
                running.set(false); // the job stops: this batch is not applied, as a stopped job's is not
                return;
            }
            applier.applyAll(context, batch, watch);
        });

        assertThat(done).isFalse();
        assertThat(server.requests()).filteredOn(request -> !request.method().equals("GET"))
                .as("the user pass: one POST per user, nothing for the group yet")
                .extracting(request -> request.method() + " " + request.path())
                .containsOnly("POST /Users").hasSize(users.size());
        assertThat(markers(job)).as("the stages reached are recorded").isNotEmpty()
                .allSatisfy((partition, marker) -> {
                    assertThat(marker.usersApplied()).isTrue();
                    assertThat(marker.full()).as("the target is not checked again").isFalse();
                });

        start(job);
        await().atMost(WAIT).until(() -> memberIds(server.group(name)).size() == users.size());
        awaitQuiet(server);

        List<ReceivedRequest> writes = server.requests().stream().filter(request -> !request.method().equals("GET"))
                .toList();
        assertThat(writes).as("one POST per object over both starts, the group's with its members")
                .extracting(request -> request.method() + " " + request.path())
                .containsExactlyInAnyOrder("POST /Users", "POST /Users", "POST /Users", "POST /Users", "POST /Groups");
        assertThat(writes).allSatisfy(request -> assertThat(request.status()).isLessThan(300));
        Set<String> targetIds = users.stream().map(user -> server.user(user.userPrincipalName()))
                .filter(Objects::nonNull).map(user -> user.path("id").asText()).collect(Collectors.toSet());
        assertThat(targetIds).hasSize(users.size());
        assertThat(server.users()).hasSize(users.size());
        assertThat(server.groups()).singleElement()
                .satisfies(group -> assertThat(memberIds(group)).containsExactlyInAnyOrderElementsOf(targetIds));
        await().atMost(WAIT).until(() -> markers(job).isEmpty());
    }

    private Map<String, Object> consumerProperties(String job) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupPrefix() + job);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return properties;
    }

    /** The restart markers in the job's committed offsets, by partition. */
    private Map<Integer, RestartMarker> markers(String job) {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties(job),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            Set<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toSet());
            Map<Integer, RestartMarker> markers = new HashMap<>();
            kafka.committed(partitions).forEach((partition, offset) -> Optional.ofNullable(offset)
                    .map(OffsetAndMetadata::metadata).flatMap(RestartMarker::parse)
                    .ifPresent(marker -> markers.put(partition.partition(), marker)));
            return markers;
        }
    }

    private static void pause(String job) {
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
    }

    private static void start(String job) {
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        if (group != null) {
            group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        }
        return ids;
    }

    /** Waits until the server has received no request for 3 s. */
    private static void awaitQuiet(ThirdPartyScimServer server) {
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
