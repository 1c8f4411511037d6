package io.scimitar.provisioner.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SlidingRateTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final SlidingRate rate = new SlidingRate(Duration.ofSeconds(60), now::get);

    @Test
    void countsOverTheTimeSinceTheStartWhileThatIsShorterThanTheWindow() {
        now.addAndGet(5 * SECOND);
        rate.add(50);

        assertThat(rate.perSecond()).isCloseTo(10.0, within(0.01));
    }

    @Test
    void forgetsWhatLeftTheWindow() {
        rate.add(600);
        now.addAndGet(30 * SECOND);
        rate.add(60);
        now.addAndGet(45 * SECOND);

        assertThat(rate.perSecond()).as("only the 60 of 45 s ago are in the last minute")
                .isCloseTo(1.0, within(0.01));

        now.addAndGet(20 * SECOND);
        assertThat(rate.perSecond()).as("nothing done in the last minute").isZero();
    }

    @Test
    void followsTheCurrentPaceRatherThanTheAverageSinceTheStart() {
        for (int second = 0; second < 120; second++) {
            rate.add(second < 60 ? 100 : 2);
            now.addAndGet(SECOND);
        }

        assertThat(rate.perSecond()).isCloseTo(2.0, within(0.1));
    }

    @Test
    void isZeroBeforeAnythingIsDone() {
        assertThat(rate.perSecond()).isZero();
        now.addAndGet(3600 * SECOND);
        assertThat(rate.perSecond()).isZero();
    }
}
