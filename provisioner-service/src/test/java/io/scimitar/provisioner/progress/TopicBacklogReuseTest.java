package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.progress.TopicBacklog.Backlog;
import io.scimitar.provisioner.progress.TopicBacklog.PartitionBacklog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TopicBacklogReuseTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<UUID> reads = new ArrayList<>();
    private Optional<Backlog> answer = backlog(7);

    private final TopicBacklog backlog = new TopicBacklog(job -> {
        reads.add(job);
        return answer;
    }, now::get, Duration.ofSeconds(1));

    @Test
    void asksTheBrokerOncePerJobAndSecondHoweverOftenTheBarPolls() {
        UUID job = UUID.randomUUID();
        for (int poll = 0; poll < 5; poll++) {
            assertThat(backlog.of(job).await().indefinitely()).contains(backlog(7).orElseThrow());
            now.addAndGet(Duration.ofMillis(150).toNanos());
        }
        assertThat(reads).containsExactly(job);

        answer = backlog(3);
        now.addAndGet(Duration.ofMillis(300).toNanos());

        assertThat(backlog.of(job).await().indefinitely()).contains(backlog(3).orElseThrow());
        assertThat(reads).containsExactly(job, job);
    }

    @Test
    void eachJobHasItsOwnFigures() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        backlog.of(first).await().indefinitely();
        backlog.of(second).await().indefinitely();
        backlog.of(first).await().indefinitely();

        assertThat(reads).containsExactly(first, second);
    }

    @Test
    void aBrokerThatDidNotAnswerIsAskedAgainAtTheNextPoll() {
        UUID job = UUID.randomUUID();
        answer = Optional.empty();

        assertThat(backlog.of(job).await().indefinitely()).isEmpty();
        answer = backlog(2);

        assertThat(backlog.of(job).await().indefinitely()).contains(backlog(2).orElseThrow());
        assertThat(reads).containsExactly(job, job);
    }

    private static Optional<Backlog> backlog(long behind) {
        return Optional.of(new Backlog(behind, List.of(new PartitionBacklog(0, 10, 10 + behind, behind))));
    }
}
