package io.scimitar.provisioner.consumer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.EventKeys;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.StageFixture;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll holding new users, a new group and the group's membership snapshot (as the directory's import writes them):
 * the snapshot's members are stored before the poll's groups are applied, so the group is created with its members in
 * its one POST, and no PATCH follows.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class NewGroupInAPollTest {

    @Inject
    BatchApplier applier;

    @Inject
    JobSupervisor supervisor;

    @Inject
    StageJobs stageJobs;

    @Test
    void aGroupAndItsSnapshotInOnePollAreCreatedWithTheMembersInOnePost() {
        ThirdPartyScimServer server = ThirdPartyScimServer.shared();
        String app = newApplication();
        String job = createJob(Map.of("name", "New group in a poll " + app, "applicationId", app, "profile",
                "GENERIC_SCIM", "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN,
                "allowInsecureHttp", true, "status", "OFF"));
        JobDefinition definition = StageFixture.genericJob(UUID.fromString(job), app, ProvisioningScope.ASSIGNED_ONLY,
                server.scimUrl(), ThirdPartyScimServer.TOKEN);
        JobContext context = stageJobs.context(definition);
        JobWatch watch = supervisor.watch(definition.id(), new JobProgress());
        server.clearRequests();
        try {
            Map<String, List<AssignmentEvent>> poll = new LinkedHashMap<>();
            List<MemberRef> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UserSnapshot user = uniqueUser("Member" + i, "Polled", "Ops");
                poll.put(EventKeys.key(app, user.id()), List.of(assigned(app, user, 1)));
                members.add(MemberRef.user(user.id()));
            }
            String groupId = "g-" + UUID.randomUUID();
            String name = "Polled team " + groupId.substring(2, 10);
            poll.put(EventKeys.key(app, groupId), List.of(assignedGroup(app, groupId, name, 1),
                    GroupMembershipEvent.snapshotPart(UUID.randomUUID(), Instant.now(), app, groupId, 2, members,
                            new GroupMembershipEvent.SnapshotPart(UUID.randomUUID(), 1, 1))));

            applier.applyAll(context, poll, watch);

            assertThat(server.requests()).filteredOn(request -> !request.method().equals("GET"))
                    .extracting(request -> request.method() + " " + request.path() + " " + request.status())
                    .containsExactlyInAnyOrder("POST /Users 201", "POST /Users 201", "POST /Users 201",
                            "POST /Groups 201");
            assertThat(server.group(name).path("members")).hasSize(3);
        } finally {
            asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
        }
    }
}
