package io.scimitar.provisioner.membership;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's membership snapshot comes in parts: the members are answered once every part is in, whatever their
 * order or repetition, and the stored parts go then; a snapshot of one part is answered as it comes, storing nothing.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class SnapshotPartsTest {

    @Inject
    MembershipRepository memberships;

    @Inject
    Pool database;

    private UUID job;
    private final String group = "group-" + UUID.randomUUID();

    @BeforeEach
    void job() {
        job = UUID.fromString(createJob(miroJob(newApplication())));
    }

    @AfterEach
    void deleteJob() {
        asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
    }

    @Test
    void aSnapshotOfOnePartIsWholeAsItComesAndLeavesNothingStored() {
        List<String> members = store(UUID.randomUUID(), 1, 1, List.of("u1", "u2"));

        assertThat(members).containsExactly("u1", "u2");
        assertThat(storedParts()).isZero();
    }

    @Test
    void aSnapshotOfSeveralPartsIsAnsweredOnceEveryPartIsIn() {
        UUID snapshot = UUID.randomUUID();

        assertThat(store(snapshot, 3, 3, List.of("u5"))).isNull();
        assertThat(store(snapshot, 1, 3, List.of("u1", "u2"))).isNull();
        assertThat(store(snapshot, 1, 3, List.of("u1", "u2"))).as("a part delivered again counts once").isNull();
        assertThat(storedParts()).isEqualTo(2);
        List<String> members = store(snapshot, 2, 3, List.of("u3", "u4"));

        assertThat(members).containsExactlyInAnyOrder("u1", "u2", "u3", "u4", "u5");
        assertThat(storedParts()).as("the gathered parts go").isZero();
    }

    private List<String> store(UUID snapshot, int part, int parts, List<String> members) {
        return memberships.storeSnapshotPart(job, group, snapshot, part, parts, members).await().indefinitely();
    }

    private long storedParts() {
        return database.preparedQuery("select count(*) from membership_snapshot_part where job_id = $1 "
                        + "and group_id = $2").execute(Tuple.of(job, group)).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
