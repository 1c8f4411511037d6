package io.scimitar.provisioner.quarantine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentOutcomesTest {

    @Test
    void judgesOnceTheMinimumSampleIsReachedNotWhenTheWindowIsFull() {
        RecentOutcomes recent = new RecentOutcomes(200, 25);
        for (int i = 0; i < 24; i++) {
            recent.record("User/u" + i + "@1", true);
        }
        assertThat(recent.above(0.4)).isFalse();

        recent.record("User/u24@1", true);

        assertThat(recent.above(0.4)).isTrue();
        assertThat(recent.size()).isEqualTo(25);
    }

    @Test
    void countsEachChangeOnceHoweverOftenItIsRetried() {
        RecentOutcomes recent = new RecentOutcomes(200, 10);
        for (int i = 0; i < 9; i++) {
            recent.record("User/ok" + i + "@1", false);
        }
        for (int retry = 0; retry < 50; retry++) {
            recent.record("User/failing@3", true);
        }

        assertThat(recent.size()).isEqualTo(10);
        assertThat(recent.failures()).isEqualTo(1);
        assertThat(recent.above(0.4)).isFalse();

        recent.record("User/failing@3", false);
        assertThat(recent.failures()).isZero();
    }

    @Test
    void slidesOverTheMostRecentDistinctChanges() {
        RecentOutcomes recent = new RecentOutcomes(10, 5);
        for (int i = 0; i < 10; i++) {
            recent.record("User/old" + i + "@1", true);
        }
        assertThat(recent.above(0.4)).isTrue();

        for (int i = 0; i < 7; i++) {
            recent.record("User/new" + i + "@1", false);
        }

        assertThat(recent.size()).isEqualTo(10);
        assertThat(recent.failures()).isEqualTo(3);
        assertThat(recent.above(0.4)).isFalse();
    }

    @Test
    void answersTheSequenceOfEachChangeAndTheChangeThatSlidOut() {
        RecentOutcomes recent = new RecentOutcomes(2, 1);

        assertThat(recent.record("User/a@1", true)).isEqualTo(new RecentOutcomes.Recorded(1, null));
        assertThat(recent.record("User/b@1", false)).isEqualTo(new RecentOutcomes.Recorded(2, null));
        assertThat(recent.record("User/a@1", false)).isEqualTo(new RecentOutcomes.Recorded(3, null));
        assertThat(recent.record("User/c@1", true)).isEqualTo(new RecentOutcomes.Recorded(4, "User/b@1"));
    }

    @Test
    void takesBackTheStoredWindowAndGoesOnNumberingAfterIt() {
        RecentOutcomes recent = new RecentOutcomes(3, 2);
        recent.restore(List.of(new RecentOutcomes.Stored("User/a@1", true, 7),
                new RecentOutcomes.Stored("User/b@1", true, 9)));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.failures()).isEqualTo(2);
        assertThat(recent.above(0.4)).isTrue();
        assertThat(recent.record("User/c@1", false).sequence()).isEqualTo(10);
        assertThat(recent.record("User/d@1", false)).isEqualTo(new RecentOutcomes.Recorded(11, "User/a@1"));
        assertThat(recent.failures()).isEqualTo(1);
    }
}
