package io.scimitar.provisioner.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The group pushes of a backlog's users gather over polls and go once it is read, after a while, or when many. */
class WaitingMemberPushesTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final WaitingMemberPushes pushes = new WaitingMemberPushes(Duration.ofSeconds(2), 5);

    @Test
    void nothingGatheredIsNeverDue() {
        assertThat(pushes.due(0, false)).isFalse();
        assertThat(pushes.isEmpty()).isTrue();
    }

    @Test
    void dueAtOnceWhenNothingMoreWaits() {
        pushes.add(List.of("u1"), 0);

        assertThat(pushes.due(0, false)).isTrue();
    }

    @Test
    void gathersOverPollsWhileMoreWaitsUntilTheFirstHasWaitedLongEnough() {
        pushes.add(List.of("u1", "u2"), 0);
        assertThat(pushes.due(SECOND, true)).isFalse();
        pushes.add(List.of("u2", "u3"), SECOND);

        assertThat(pushes.due(2 * SECOND - 1, true)).isFalse();
        assertThat(pushes.due(2 * SECOND, true)).as("the first has waited 2 s").isTrue();
        assertThat(pushes.take()).containsExactlyInAnyOrder("u1", "u2", "u3");
        assertThat(pushes.isEmpty()).isTrue();

        pushes.add(List.of("u4"), 3 * SECOND);
        assertThat(pushes.due(4 * SECOND, true)).as("the wait starts again with the next one gathered").isFalse();
        assertThat(pushes.due(5 * SECOND, true)).isTrue();
    }

    @Test
    void dueOnceManyHaveGathered() {
        pushes.add(List.of("u1", "u2", "u3", "u4"), 0);
        assertThat(pushes.due(0, true)).isFalse();

        pushes.add(List.of("u5"), 0);

        assertThat(pushes.due(0, true)).isTrue();
    }
}
