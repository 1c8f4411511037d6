package io.scimitar.provisioner.progress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeLeftTest {

    @Test
    void isZeroOnlyWhenNothingRemains() {
        assertThat(TimeLeft.estimate(0L, 0)).isZero();
        assertThat(TimeLeft.estimate(0L, 12.5)).isZero();
    }

    @Test
    void isUnknownWhenWhatRemainsIsUnknownOrNothingWasDoneLately() {
        assertThat(TimeLeft.estimate(null, 10)).isNull();
        assertThat(TimeLeft.estimate(20L, 0)).as("20 changes waiting, none done in the window").isNull();
        assertThat(TimeLeft.estimate(20L, Double.NaN)).isNull();
    }

    @Test
    void dividesWhatRemainsByTheRateRoundingUpToAtLeastOneSecond() {
        assertThat(TimeLeft.estimate(100L, 4.0)).isEqualTo(25);
        assertThat(TimeLeft.estimate(101L, 4.0)).isEqualTo(26);
        assertThat(TimeLeft.estimate(1L, 500.0)).as("work remains: never 0").isEqualTo(1);
    }
}
