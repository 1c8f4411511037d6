package io.scimitar.provisioner.provisioning;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.escrow.EscrowEntry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A poll's links, escrow resolutions, statistics, users' scopes, groups' membership versions and log entries land in
 * PostgreSQL in one transaction, or none of them does.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class BatchWriterDatabaseTest {

    private static final int CHANGES = 50;

    @Inject
    BatchWriter writer;

    @Inject
    LinkRepository links;

    @Inject
    EscrowRepository escrow;

    @Inject
    ProvisioningLogRepository log;

    @Inject
    Pool database;

    private UUID job;
    private String run;

    @BeforeEach
    void job() {
        job = UUID.fromString(createJob(miroJob(newApplication())));
        run = UUID.randomUUID().toString();
    }

    /** The escrowed entries here hold no real event: the job goes before it would retry them. */
    @AfterEach
    void deleteJob() {
        asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
    }

    @Test
    void writesEveryLinkResolutionAndLogEntryOfAPollInOneTransaction() {
        escrowed(user(0), 1);
        escrowed(user(1), 9);
        PendingWrites writes = pollOf(CHANGES);
        AtomicInteger counted = new AtomicInteger();
        writes.onceDurable(counted::incrementAndGet);

        writer.flush(writes).await().indefinitely();

        for (int i = 0; i < CHANGES; i++) {
            assertThat(links.find(job, ObjectType.USER, user(i)).await().indefinitely())
                    .hasValueSatisfying(link -> assertThat(link.sourceVersion()).isEqualTo(2));
            assertThat(log.forObject(job, user(i)).await().indefinitely()).hasSize(1);
        }
        assertThat(escrow.count(job).await().indefinitely()).as("the entry newer than the change stays").isEqualTo(1);
        assertThat(transactions("object_link")).hasSize(1);
        assertThat(transactions("provisioning_log")).isEqualTo(transactions("object_link"));
        assertThat(transactions("job_statistics")).as("statistics to date, in the same statement")
                .isEqualTo(transactions("object_link"));
        assertThat(transactions("membership_user_scope")).as("the users' scopes, in the same statement")
                .isEqualTo(transactions("object_link"));
        assertThat(scopes()).hasSize(CHANGES).containsEntry(user(0), false).containsEntry(user(1), true);
        assertThat(transactions("group_membership_version")).as("the groups' membership versions, in the same statement")
                .isEqualTo(transactions("object_link"));
        assertThat(membershipVersions()).as("the newest of each group")
                .isEqualTo(Map.of(group(0), 3L, group(1), 1L));
        assertThat(statistics()).containsOnly(Map.entry("CREATE/SUCCESS", (long) CHANGES),
                Map.entry("ALREADY_APPLIED/SKIPPED", 1L));
        writer.flush(pollOf(2)).await().indefinitely();
        assertThat(statistics()).as("added to").containsEntry("CREATE/SUCCESS", CHANGES + 2L);
        assertThat(counted).hasValue(1);
    }

    @Test
    void writesNothingOfAPollWhenPostgresRefusesOneRow() {
        escrowed(user(0), 1);
        PendingWrites writes = pollOf(CHANGES);
        // a log entry without its object is refused by the table: the whole poll goes with it
        writes.log(entry(null));
        AtomicInteger counted = new AtomicInteger();
        writes.onceDurable(counted::incrementAndGet);

        assertThatThrownBy(() -> writer.flush(writes).await().indefinitely()).hasMessageContaining("source_id");

        assertThat(transactions("object_link")).isEmpty();
        assertThat(transactions("provisioning_log")).isEmpty();
        assertThat(statistics()).as("no change counted").isEmpty();
        assertThat(scopes()).as("no scope recorded").isEmpty();
        assertThat(membershipVersions()).as("no membership version recorded").isEmpty();
        assertThat(escrow.count(job).await().indefinitely()).isEqualTo(1);
        assertThat(counted).as("nothing counted as processed").hasValue(0);
    }

    private PendingWrites pollOf(int changes) {
        PendingWrites writes = new PendingWrites(job);
        for (int i = 0; i < changes; i++) {
            writes.link(link(user(i), 1));
            writes.resolved(user(i), 1);
            writes.link(link(user(i), 2));
            writes.resolved(user(i), 2);
            writes.log(entry(user(i)));
            writes.count(ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS);
            writes.scopes(Map.of(user(i), true));
        }
        // a later record of a user's scope replaces an earlier one of the same poll
        writes.scopes(Map.of(user(0), false));
        writes.membershipApplied(group(0), 3);
        writes.membershipApplied(group(0), 2);
        writes.membershipApplied(group(1), 1);
        writes.count(null, ProvisioningStatus.SKIPPED);
        return writes;
    }

    /** The job's statistics to date, as {@code ACTION/STATUS -> changes}. */
    private Map<String, Long> statistics() {
        Map<String, Long> counted = new java.util.HashMap<>();
        database.preparedQuery("select action, status, changes from job_statistics where job_id = $1")
                .execute(Tuple.of(job)).await().indefinitely()
                .forEach((Row row) -> counted.put(row.getString("action") + "/" + row.getString("status"),
                        row.getLong("changes")));
        return counted;
    }

    /** The job's recorded scopes, as {@code user -> in scope}. */
    private Map<String, Boolean> scopes() {
        Map<String, Boolean> scopes = new java.util.HashMap<>();
        database.preparedQuery("select user_id, in_scope from membership_user_scope where job_id = $1")
                .execute(Tuple.of(job)).await().indefinitely()
                .forEach((Row row) -> scopes.put(row.getString("user_id"), row.getBoolean("in_scope")));
        return scopes;
    }

    /** The job's recorded membership versions, as {@code group -> version}. */
    private Map<String, Long> membershipVersions() {
        Map<String, Long> versions = new java.util.HashMap<>();
        database.preparedQuery("select group_id, version from group_membership_version where job_id = $1")
                .execute(Tuple.of(job)).await().indefinitely()
                .forEach((Row row) -> versions.put(row.getString("group_id"), row.getLong("version")));
        return versions;
    }

    /** The ids of the transactions that wrote the job's rows of {@code table}. */
    private Set<String> transactions(String table) {
        Set<String> ids = new HashSet<>();
        database.preparedQuery("select xmin::text as tx from " + table + " where job_id = $1").execute(Tuple.of(job))
                .await().indefinitely().forEach((Row row) -> ids.add(row.getString("tx")));
        return ids;
    }

    private String user(int i) {
        return run + "-" + i;
    }

    private String group(int i) {
        return run + "-group-" + i;
    }

    private void escrowed(String user, long version) {
        Instant now = Instant.now();
        escrow.fail(job, user, version, "{}", now, attempts -> now.plusSeconds(3600), "ServiceUnavailable",
                "The target is down", EscrowEntry.Kind.RETRY).await().indefinitely();
    }

    private ObjectLink link(String user, long version) {
        return new ObjectLink(job, ObjectType.USER, user, "target-" + user, LinkState.ACTIVE,
                Map.of("userName", user + "@example.com"), version, user + "@example.com");
    }

    private ProvisioningLogEntry entry(String user) {
        return new ProvisioningLogEntry(null, job, UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 12,
                ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, "User", user, user, "target-" + user,
                UUID.randomUUID(), 2L, List.of(), List.of(), null, null);
    }
}
