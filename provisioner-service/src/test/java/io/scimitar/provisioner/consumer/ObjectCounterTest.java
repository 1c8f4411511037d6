package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.consumer.JobProgress.ObjectCounts;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.ObjectType;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress counts are reused for a while, longer the longer counting took, and taken again once forgotten. */
class ObjectCounterTest {

    private static final UUID JOB = UUID.randomUUID();

    /** The clock, in nanoseconds; counting the active users advances it by {@link #countingTakes}. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong activeUsers = new AtomicLong(10);
    private final AtomicLong userCounts = new AtomicLong();
    private Duration countingTakes = Duration.ofMillis(5);

    private final LinkRepository links = new LinkRepository(null) {
        @Override
        public Uni<Long> countActive(UUID jobId, ObjectType type) {
            if (type == ObjectType.GROUP) {
                return Uni.createFrom().item(2L);
            }
            userCounts.incrementAndGet();
            now.addAndGet(countingTakes.toNanos());
            return Uni.createFrom().item(activeUsers.get());
        }
    };

    private final EscrowKeeper escrow = new EscrowKeeper(null, null) {
        @Override
        public Uni<Long> count(UUID jobId) {
            return Uni.createFrom().item(1L);
        }

        @Override
        public Uni<Long> countStaged(UUID jobId) {
            return Uni.createFrom().item(0L);
        }
    };

    private final ObjectCounter counter = new ObjectCounter(links, escrow, now::get, Duration.ofSeconds(5));

    private ObjectCounts counts() {
        return counts(false);
    }

    private ObjectCounts counts(boolean eventsBehind) {
        return counter.current(JOB, eventsBehind).await().indefinitely();
    }

    private void wait(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void reusesACountForASecondThenCountsAgain() {
        ObjectCounts first = counts();
        assertThat(first.activeUsers()).isEqualTo(10);
        assertThat(first.activeGroups()).isEqualTo(2);
        assertThat(first.escrowed()).isEqualTo(1);
        assertThat(first.countedAt()).isNotNull();

        activeUsers.set(11);
        wait(Duration.ofMillis(900));
        assertThat(counts().activeUsers()).isEqualTo(10);

        wait(Duration.ofMillis(200));
        assertThat(counts().activeUsers()).isEqualTo(11);
        assertThat(userCounts).hasValue(2);
    }

    @Test
    void reusesASlowCountTwentyTimesAsLongAsItTook() {
        countingTakes = Duration.ofMillis(200);
        counts();
        activeUsers.set(11);

        wait(Duration.ofMillis(3_900));
        assertThat(counts().activeUsers()).isEqualTo(10);

        wait(Duration.ofMillis(200));
        assertThat(counts().activeUsers()).isEqualTo(11);
    }

    @Test
    void reusesACountForFiveSecondsWhileEventsAreBehindAndForASecondOnceNothingIs() {
        counts(true);
        activeUsers.set(11);

        wait(Duration.ofMillis(4_900));
        assertThat(counts(true).activeUsers()).isEqualTo(10);
        assertThat(counts(false).activeUsers()).as("nothing behind: a second at most").isEqualTo(11);

        wait(Duration.ofMillis(4_900));
        activeUsers.set(12);
        assertThat(counts(true).activeUsers()).isEqualTo(11);
        wait(Duration.ofMillis(200));
        assertThat(counts(true).activeUsers()).isEqualTo(12);
        assertThat(userCounts).hasValue(3);
    }

    @Test
    void countsAgainOnceTheJobIsForgotten() {
        counts();
        activeUsers.set(0);

        counter.forget(JOB);

        assertThat(counts().activeUsers()).isZero();
    }
}
