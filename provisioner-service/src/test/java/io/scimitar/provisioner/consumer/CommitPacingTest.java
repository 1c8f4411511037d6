package io.scimitar.provisioner.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll holding the job's events is always committed once applied; polls of other applications' events only are
 * committed together, within the interval, or when nothing more waits.
 */
class CommitPacingTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final CommitPacing pacing = new CommitPacing(Duration.ofSeconds(1), 0);

    @Test
    void aPollHoldingTheJobsEventsIsCommittedAtOnceEvenInABacklog() {
        assertThat(pacing.commitNow(true, true, 1)).isTrue();
        assertThat(pacing.commitNow(true, true, 2)).isTrue();
    }

    @Test
    void pollsOfOtherApplicationsOnlyWaitForTheIntervalWhileMoreWaits() {
        assertThat(pacing.commitNow(false, true, SECOND / 2)).isFalse();
        assertThat(pacing.commitNow(false, true, SECOND - 1)).isFalse();
        assertThat(pacing.commitNow(false, true, SECOND)).isTrue();
        assertThat(pacing.commitNow(false, true, SECOND + 1)).as("the interval starts again").isFalse();
    }

    @Test
    void theLastPollOfABacklogIsCommittedWhateverItHolds() {
        assertThat(pacing.commitNow(false, true, 1)).isFalse();

        assertThat(pacing.commitNow(false, false, 2)).isTrue();
    }
}
