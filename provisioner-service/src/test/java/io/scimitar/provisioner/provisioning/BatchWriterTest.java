package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A poll's writes cost one statement, whatever the number of changes: one multi-row part per kind. */
class BatchWriterTest {

    private static final int CHANGES = 200;
    private static final UUID JOB = UUID.randomUUID();

    private final List<String> statements = new ArrayList<>();
    private final List<Tuple> parameters = new ArrayList<>();
    private final BatchWriter writer = new BatchWriter((sql, values) -> {
        statements.add(sql);
        parameters.add(values);
        return Uni.createFrom().voidItem();
    }, new ProvisioningLogRepository(null, new ObjectMapper()), null);

    @Test
    void writesAPollOfManyChangesInOneStatementWithOnePartPerKind() {
        PendingWrites writes = pollOf(CHANGES);
        AtomicInteger counted = new AtomicInteger();
        for (int i = 0; i < CHANGES; i++) {
            writes.onceDurable(counted::incrementAndGet);
        }

        writer.flush(writes).await().indefinitely();

        assertThat(statements).singleElement().satisfies(sql -> {
            assertThat(occurrences(sql, "insert into object_link")).isEqualTo(1);
            assertThat(occurrences(sql, "delete from escrow")).isEqualTo(1);
            assertThat(occurrences(sql, "insert into provisioning_log")).isEqualTo(1);
        });
        Tuple values = parameters.get(0);
        assertThat((Object[]) values.getValue(2)).as("one link row per object").hasSize(CHANGES);
        assertThat(values.size()).isEqualTo(9 + 3 + 17);
        assertThat((Object[]) values.getValue(10)).as("one escrow resolution per object").hasSize(CHANGES);
        assertThat((Object[]) values.getValue(12)).as("every log entry").hasSize(CHANGES + 1);
        assertThat(counted).as("progress is counted once the writes are durable").hasValue(CHANGES);
    }

    @Test
    void keepsTheNewestLinkAndVersionOfAnObjectWrittenTwiceInOnePoll() {
        PendingWrites writes = new PendingWrites(JOB);
        writes.link(link("u1", 1, "first"));
        writes.resolved("app/u1", 1);
        writes.link(link("u1", 2, "second"));
        writes.resolved("app/u1", 2);

        assertThat(writes.link(ObjectType.USER, "u1")).hasValueSatisfying(link ->
                assertThat(link.sourceVersion()).isEqualTo(2));

        writer.flush(writes).await().indefinitely();

        Tuple values = parameters.get(0);
        assertThat((Object[]) values.getValue(6)).containsExactly(2L);
        assertThat((Object[]) values.getValue(7)).containsExactly("second");
        assertThat((Object[]) values.getValue(11)).containsExactly(2L);
        assertThat(writes.link(ObjectType.USER, "u1")).as("written: known as stored").hasValueSatisfying(link ->
                assertThat(link.sourceVersion()).isEqualTo(2));
        assertThat(writes.link(ObjectType.USER, "u2")).as("unknown to the poll: read from the database").isNull();
    }

    @Test
    void answersTheLinksReadWithThePollAndKnowsWhichAreNotStored() {
        PendingWrites writes = new PendingWrites(JOB);
        writes.stored(ObjectType.USER, List.of("u1", "u2"), Map.of("u1", link("u1", 4, "stored")));

        assertThat(writes.link(ObjectType.USER, "u1")).hasValueSatisfying(link ->
                assertThat(link.sourceVersion()).isEqualTo(4));
        assertThat(writes.link(ObjectType.USER, "u2")).as("read: not stored").isEmpty();
        assertThat(writes.link(ObjectType.USER, "u3")).as("not read with the poll").isNull();
        writes.link(link("u2", 5, "written"));
        assertThat(writes.link(ObjectType.USER, "u2")).as("written in the poll").hasValueSatisfying(link ->
                assertThat(link.sourceVersion()).isEqualTo(5));
    }

    @Test
    void countsNothingWhenTheWriteFails() {
        BatchWriter failing = new BatchWriter((sql, values) -> Uni.createFrom().failure(
                new IllegalStateException("database down")), new ProvisioningLogRepository(null, new ObjectMapper()),
                null);
        PendingWrites writes = pollOf(3);
        AtomicInteger counted = new AtomicInteger();
        writes.onceDurable(counted::incrementAndGet);

        assertThatThrownBy(() -> failing.flush(writes).await().indefinitely()).hasMessageContaining("database down");

        assertThat(counted).hasValue(0);
    }

    @Test
    void issuesNoStatementForAPollThatWritesNothing() {
        AtomicInteger counted = new AtomicInteger();
        PendingWrites writes = new PendingWrites(JOB);
        writes.onceDurable(counted::incrementAndGet);

        writer.flush(writes).await().indefinitely();

        assertThat(statements).isEmpty();
        assertThat(counted).hasValue(1);
    }

    private static PendingWrites pollOf(int changes) {
        PendingWrites writes = new PendingWrites(JOB);
        for (int i = 0; i < changes; i++) {
            String user = "u" + i;
            writes.link(link(user, 1, user + "@example.com"));
            writes.resolved("app/" + user, 1);
            writes.log(entry(user));
        }
        writes.log(entry("u0"));
        return writes;
    }

    private static ObjectLink link(String user, long version, String name) {
        return new ObjectLink(JOB, ObjectType.USER, user, "target-" + user, LinkState.ACTIVE,
                Map.of("userName", name), version, name);
    }

    private static ProvisioningLogEntry entry(String user) {
        return new ProvisioningLogEntry(null, JOB, UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 3,
                ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, "User", user, user, "target-" + user,
                UUID.randomUUID(), 1L, List.of(), List.of(), null, null);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
