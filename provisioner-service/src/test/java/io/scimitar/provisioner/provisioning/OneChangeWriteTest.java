package io.scimitar.provisioner.provisioning;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.provisioner.escrow.EscrowEntry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an applied change leaves behind (link, escrow state, log entry) is stored all together or not at all. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class OneChangeWriteTest {

    @Inject
    BatchWriter writer;

    @Inject
    LinkRepository links;

    @Inject
    EscrowRepository escrow;

    @Inject
    ProvisioningLogRepository log;

    private UUID job;
    private String user;

    @BeforeEach
    void jobAndUser() {
        job = UUID.fromString(createJob(miroJob(newApplication())));
        user = UUID.randomUUID().toString();
    }

    /** The escrowed entries here hold no real event: the job goes before it would retry them. */
    @AfterEach
    void deleteJob() {
        asAdmin().delete("/api/v1/jobs/" + job).then().statusCode(204);
    }

    private void escrowed(long version) {
        Instant now = Instant.now();
        escrow.fail(job, user, version, "{}", now, attempts -> now.plusSeconds(3600), "ServiceUnavailable",
                "The target is down", EscrowEntry.Kind.RETRY).await().indefinitely();
    }

    private ObjectLink link(long version) {
        return new ObjectLink(job, ObjectType.USER, user, "target-" + user, LinkState.ACTIVE,
                Map.of("userName", "ada@example.com"), version, "ada@example.com");
    }

    private ProvisioningLogEntry entry(String sourceId, long version) {
        return new ProvisioningLogEntry(null, job, UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 12,
                ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, "User", sourceId, "ada@example.com",
                "target-" + user, UUID.randomUUID(), version, List.of(), List.of(), null, null);
    }

    /** What a change outside a poll leaves (provisioning on demand), written at once as the dispatcher does. */
    private Uni<Void> store(ObjectLink link, String escrowKey, ProvisioningLogEntry entry) {
        PendingWrites change = new PendingWrites(job);
        change.link(link);
        change.resolved(escrowKey, link.sourceVersion());
        change.log(entry);
        return writer.flush(change);
    }

    @Test
    void savesTheLinkResolvesTheEscrowEntryAndLogsTheChange() {
        escrowed(3);

        store(link(4), user, entry(user, 4)).await().indefinitely();

        ObjectLink saved = links.find(job, ObjectType.USER, user).await().indefinitely().orElseThrow();
        assertThat(saved.targetId()).isEqualTo("target-" + user);
        assertThat(saved.sourceVersion()).isEqualTo(4);
        assertThat(saved.exported()).containsEntry("userName", "ada@example.com");
        assertThat(escrow.count(job).await().indefinitely()).isZero();
        assertThat(log.forObject(job, user).await().indefinitely()).singleElement()
                .satisfies(logged -> assertThat(logged.action()).isEqualTo(ProvisioningAction.CREATE));
    }

    @Test
    void keepsAnEscrowedChangeNewerThanTheOneApplied() {
        escrowed(5);

        store(link(4), user, entry(user, 4)).await().indefinitely();

        assertThat(escrow.count(job).await().indefinitely()).isEqualTo(1);
        assertThat(links.find(job, ObjectType.USER, user).await().indefinitely()).isPresent();
    }

    @Test
    void storesNothingWhenPostgresRefusesAnyPart() {
        escrowed(3);

        // a log entry without its object is refused by the table, so the link and the escrow change go with it
        assertThatThrownBy(() -> store(link(4), user, entry(null, 4)).await().indefinitely())
                .hasMessageContaining("source_id");

        assertThat(links.find(job, ObjectType.USER, user).await().indefinitely()).isEmpty();
        assertThat(escrow.count(job).await().indefinitely()).isEqualTo(1);
        assertThat(log.forObject(job, user).await().indefinitely()).isEmpty();
    }
}
