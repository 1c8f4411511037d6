package io.scimitar.provisioner.membership;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.pipeline.StageJobs;
import io.scimitar.provisioner.provisioning.BatchWriter;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll's membership snapshots of one part are stored for all their groups in one statement before the groups are
 * applied ({@link MembershipSynchronizer#storeSnapshots}): the rows each group is left with, and its recorded version
 * once it is applied, are those of applying its events one by one; a snapshot not newer than the applied membership
 * changes nothing; only a group's first membership event of the poll is stored ahead. Within a poll, the version
 * applied is written with the poll's other writes, and an event not newer than it is stale before they are.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class SnapshotsStoredTogetherTest {

    @Inject
    MembershipSynchronizer memberships;

    @Inject
    StageJobs stageJobs;

    @Inject
    BatchWriter batchWriter;

    @Inject
    Pool database;

    private String app;
    private JobContext context;

    @BeforeEach
    void job() {
        app = newApplication();
        context = stageJobs.miroContext(app);
    }

    @AfterEach
    void deleteJob() {
        asAdmin().delete("/api/v1/jobs/" + context.job().id()).then().statusCode(204);
    }

    /**
     * Two groups with the same rows before their snapshot: one applied alone, one stored with the poll's others first.
     * Members the snapshot names become source members (exported or not, as they were); a source member it leaves out
     * is forgotten unless the target group holds it, then kept as a non-member; a row kept only for a removal stays.
     */
    @Test
    void leavesTheRowsAndVersionThatApplyingTheSnapshotAloneLeaves() {
        String alone = "g-alone-" + UUID.randomUUID();
        String together = "g-together-" + UUID.randomUUID();
        String empty = "g-empty-" + UUID.randomUUID();
        for (String group : List.of(alone, together, empty)) {
            row(group, "u1", true, true);
            row(group, "u2", true, false);
            row(group, "u7", false, true);
            row(group, "u8", true, false);
            row(group, "u9", true, true);
        }

        apply(snapshot(alone, 3, "u1", "u3", "u7"));
        GroupMembershipEvent togetherSnapshot = snapshot(together, 3, "u1", "u3", "u7");
        GroupMembershipEvent emptySnapshot = snapshot(empty, 3);
        store(List.of(togetherSnapshot), List.of(emptySnapshot));

        Map<String, String> expected = Map.of("u1", "source, exported", "u3", "source", "u7", "source, exported",
                "u9", "exported");
        assertThat(rows(alone)).isEqualTo(expected);
        assertThat(rows(together)).as("stored ahead, before its apply").isEqualTo(expected);
        assertThat(rows(empty)).isEqualTo(Map.of("u1", "exported", "u7", "exported", "u9", "exported"));
        assertThat(appliedVersion(together)).as("recorded only once the group is applied").isEqualTo(-1L);

        apply(togetherSnapshot);
        assertThat(rows(together)).isEqualTo(expected);
        assertThat(appliedVersion(together)).isEqualTo(appliedVersion(alone)).isEqualTo(3L);
    }

    @Test
    void aSnapshotNotNewerThanTheAppliedMembershipChangesNothing() {
        String group = "g-" + UUID.randomUUID();
        apply(membersAdded(app, group, 5, "u1"));

        store(List.of(snapshot(group, 5, "u2")));
        assertThat(rows(group)).isEqualTo(Map.of("u1", "source"));

        store(List.of(snapshot(group, 6, "u2")));
        assertThat(rows(group)).isEqualTo(Map.of("u2", "source"));
    }

    @Test
    void onlyAGroupsFirstMembershipEventOfThePollIsStoredAhead() {
        String deltaFirst = "g-delta-" + UUID.randomUUID();
        String multiPart = "g-parts-" + UUID.randomUUID();
        row(deltaFirst, "u1", true, false);
        row(multiPart, "u1", true, false);

        store(List.of(membersAdded(app, deltaFirst, 2, "u2"), snapshot(deltaFirst, 3, "u3")),
                List.of(GroupMembershipEvent.snapshotPart(UUID.randomUUID(), Instant.now(), app, multiPart, 2,
                        List.of(MemberRef.user("u4")),
                        new GroupMembershipEvent.SnapshotPart(UUID.randomUUID(), 1, 2))));

        assertThat(rows(deltaFirst)).as("waits for its turn after the delta").isEqualTo(Map.of("u1", "source"));
        assertThat(rows(multiPart)).as("waits for its other part").isEqualTo(Map.of("u1", "source"));
    }

    @Test
    void withinAPollTheVersionAppliedIsWrittenWithThePollsWrites() {
        String group = "g-" + UUID.randomUUID();
        PendingWrites writes = new PendingWrites(context.job().id());
        JobContext poll = context.writingWith(writes);

        memberships.apply(poll, snapshot(group, 4, "u1")).await().indefinitely();
        assertThat(writes.membershipApplied(group)).isEqualTo(4L);
        assertThat(appliedVersion(group)).as("not written before the poll's writes").isEqualTo(-1L);
        assertThat(memberships.apply(poll, snapshot(group, 4, "u2")).await().indefinitely())
                .as("the version kept for the poll's writes counts").isInstanceOf(ChangeOutcome.Stale.class);
        assertThat(rows(group)).isEqualTo(Map.of("u1", "source"));

        batchWriter.flush(writes).await().indefinitely();
        assertThat(appliedVersion(group)).isEqualTo(4L);
    }

    private GroupMembershipEvent snapshot(String group, long version, String... members) {
        return GroupMembershipEvent.snapshotPart(UUID.randomUUID(), Instant.now(), app, group, version,
                java.util.Arrays.stream(members).map(MemberRef::user).toList(),
                new GroupMembershipEvent.SnapshotPart(UUID.randomUUID(), 1, 1));
    }

    @SafeVarargs
    private void store(List<? extends AssignmentEvent>... eventsByGroup) {
        List<List<AssignmentEvent>> groups = java.util.Arrays.stream(eventsByGroup)
                .map(events -> List.<AssignmentEvent>copyOf(events)).toList();
        memberships.storeSnapshots(context, groups).await().indefinitely();
    }

    private void apply(GroupMembershipEvent event) {
        memberships.apply(context, event).await().indefinitely();
    }

    private void row(String group, String member, boolean sourceMember, boolean exported) {
        database.preparedQuery("insert into group_membership (job_id, group_id, member_id, source_member, exported) "
                        + "values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(context.job().id(), group, member, sourceMember, exported)).await().indefinitely();
    }

    /** The group's rows: member id -> "source", "exported" or both. */
    private Map<String, String> rows(String group) {
        Map<String, String> rows = new TreeMap<>();
        database.preparedQuery("select member_id, source_member, exported from group_membership "
                        + "where job_id = $1 and group_id = $2").execute(Tuple.of(context.job().id(), group))
                .await().indefinitely()
                .forEach(row -> rows.put(row.getString("member_id"), row.getBoolean("source_member")
                        ? (row.getBoolean("exported") ? "source, exported" : "source") : "exported"));
        return rows;
    }

    private long appliedVersion(String group) {
        return database.preparedQuery("select version from group_membership_version where job_id = $1 "
                        + "and group_id = $2").execute(Tuple.of(context.job().id(), group)).await().indefinitely()
                .stream().map(row -> row.getLong("version")).findFirst().orElse(-1L);
    }
}
