package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.consumer.JobSupervisor.PendingPush;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.scimitar.provisioner.consumer.JobSupervisor.nextPendingMembersWait;
import static org.assertj.core.api.Assertions.assertThat;

/** How long waiting group members wait for their next push, after each kind of push. */
class PendingMembersWaitTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void doublesOnlyWhileEveryPushFailsUpToFiveMinutes() {
        Duration wait = INTERVAL;
        for (int round = 0; round < 4; round++) {
            wait = nextPendingMembersWait(PendingPush.FAILED, wait, INTERVAL);
        }
        assertThat(wait).isEqualTo(Duration.ofSeconds(160));
        assertThat(nextPendingMembersWait(PendingPush.FAILED, Duration.ofSeconds(160), INTERVAL))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(nextPendingMembersWait(PendingPush.FAILED, Duration.ofMinutes(5), INTERVAL))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRoundWhereTheTargetTookSomeGroupsTriesTheOthersAgainAfterTheInterval() {
        // a target failing one request in five: a round of several groups nearly always has a failure somewhere
        assertThat(nextPendingMembersWait(PendingPush.PARTLY_FAILED, Duration.ofSeconds(160), INTERVAL))
                .isEqualTo(INTERVAL);
        assertThat(nextPendingMembersWait(PendingPush.DONE, Duration.ofSeconds(160), INTERVAL)).isEqualTo(INTERVAL);
    }

    @Test
    void membersHeldBackByTheRateLimitAreLookedAtAgainWithinASecond() {
        assertThat(nextPendingMembersWait(PendingPush.HELD_BACK, Duration.ofSeconds(40), INTERVAL))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
