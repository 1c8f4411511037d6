package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.progress.SourceScope.ObjectsInScope;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectsDoneReuseTest {

    private static final Optional<ObjectsInScope> HUNDRED = Optional.of(new ObjectsInScope(100, 0, 100, "test",
            Instant.EPOCH));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<UUID> reads = new ArrayList<>();
    private final AtomicLong done = new AtomicLong(40);

    private final ObjectsDone objectsDone = new ObjectsDone(job -> {
        reads.add(job);
        return Uni.createFrom().item(done.get());
    }, now::get, Duration.ofSeconds(5));

    @Test
    void countsOncePerJobAndReuseWhileEventsAreBehindAndTheCountIsShortOfTheTotal() {
        UUID job = UUID.randomUUID();
        for (int poll = 0; poll < 5; poll++) {
            assertThat(done(job, true, HUNDRED)).isEqualTo(40);
            done.addAndGet(5);
            now.addAndGet(Duration.ofMillis(900).toNanos());
        }
        assertThat(reads).containsExactly(job);

        now.addAndGet(Duration.ofMillis(600).toNanos());

        assertThat(done(job, true, HUNDRED)).as("counted again after the reuse").isEqualTo(65);
        assertThat(reads).containsExactly(job, job);
    }

    @Test
    void countsFreshOnceNothingIsBehindSoThatTheEndIsToldAtOnce() {
        UUID job = UUID.randomUUID();
        done(job, true, HUNDRED);
        done.set(100);

        assertThat(done(job, false, HUNDRED)).isEqualTo(100);
        assertThat(done(job, false, HUNDRED)).as("nothing behind, asked again").isEqualTo(100);
        assertThat(reads).hasSize(3);
    }

    @Test
    void neverReusesACountThatWouldSayEveryObjectIsDone() {
        UUID job = UUID.randomUUID();
        done.set(100);
        done(job, true, HUNDRED);
        done.set(20); // a restart marked the links to be decided again

        assertThat(done(job, true, HUNDRED)).isEqualTo(20);
        assertThat(done(job, true, Optional.empty())).as("total unknown").isEqualTo(20);
        assertThat(reads).hasSize(3);
    }

    @Test
    void eachJobHasItsOwnCount() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        done(first, true, HUNDRED);
        done(second, true, HUNDRED);
        done(first, true, HUNDRED);

        assertThat(reads).containsExactly(first, second);
    }

    private long done(UUID job, boolean eventsBehind, Optional<ObjectsInScope> inScope) {
        return objectsDone.of(job, eventsBehind, inScope).await().indefinitely();
    }
}
