package io.scimitar.provisioner.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The compacted view a restart builds of one partition, and the marker that asks for it. */
class NewestEventsTest {

    @Test
    void keepsTheStateWithTheHighestVersionPerObject() {
        NewestEvents view = new NewestEvents();
        view.state("app/user-1", 10, 1, false);
        view.state("app/user-1", 11, 3, false);
        view.state("app/user-1", 12, 2, false); // published late: an older version at a later offset
        view.state("app/user-2", 13, 1, false);

        assertThat(view.isNewestState("app/user-1", 11)).isTrue();
        assertThat(view.isNewestState("app/user-1", 10)).isFalse();
        assertThat(view.isNewestState("app/user-1", 12)).isFalse();
        assertThat(view.isNewestState("app/user-2", 13)).isTrue();
        assertThat(view.isNewestState("app/unknown", 13)).isFalse();
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void membershipsMatterFromTheNewestSnapshotAndNotBeforeADeletion() {
        NewestEvents view = new NewestEvents();
        view.snapshotStarts("app/group-1", 20);
        view.snapshotStarts("app/group-1", 30);
        view.state("app/group-2", 40, 5, false);
        view.state("app/group-3", 50, 9, true);

        assertThat(view.isCurrentMembership("app/group-1", 25)).isFalse();
        assertThat(view.isCurrentMembership("app/group-1", 30)).isTrue();
        assertThat(view.isCurrentMembership("app/group-2", 1)).isTrue();
        assertThat(view.isCurrentMembership("app/group-3", 49)).isFalse();
        view.snapshotStarts("app/group-3", 60);
        assertThat(view.isCurrentMembership("app/group-3", 61)).isFalse();
    }

    @Test
    void growsWithoutLosingAnObject() {
        NewestEvents view = new NewestEvents();
        for (int i = 0; i < 100_000; i++) {
            view.state("app/user-" + i, i, 1, false);
        }
        assertThat(view.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(view.isNewestState("app/user-" + i, i)).isTrue();
        }
    }

    @Test
    void aRestartMarkerTravelsInTheOffsetMetadata() {
        RestartMarker marker = new RestartMarker(1234, 1000, true);

        assertThat(RestartMarker.parse(marker.metadata())).contains(marker);
        assertThat(RestartMarker.parse(new RestartMarker(7, 3, false).metadata()))
                .contains(new RestartMarker(7, 3, false));
        assertThat(RestartMarker.parse(RestartReplay.DONE)).isEmpty();
        assertThat(RestartMarker.parse(null)).isEmpty();
        assertThat(RestartMarker.parse("restart from 2026-01-01T00:00:00Z")).isEmpty();
        assertThat(RestartMarker.parse("scimitar-restart;until=12")).isEmpty();
    }

    @Test
    void aRestartMarkerRecordsTheStagesReachedAndReadsTheEarlierForm() {
        RestartMarker started = new RestartMarker(1234, 1000, true);
        RestartMarker checked = started.checked();
        RestartMarker usersApplied = checked.withUsersApplied();

        assertThat(started.usersApplied()).isFalse();
        assertThat(checked).isEqualTo(new RestartMarker(1234, 1000, false, false));
        assertThat(usersApplied).isEqualTo(new RestartMarker(1234, 1000, false, true));
        assertThat(RestartMarker.parse(usersApplied.metadata())).contains(usersApplied);
        assertThat(RestartMarker.parse(started.withUsersApplied().metadata()))
                .contains(new RestartMarker(1234, 1000, true, true));
        assertThat(RestartMarker.parse("scimitar-restart;until=1234;read=1000;full"))
                .as("a marker left before the stages were recorded").contains(started);
        assertThat(RestartMarker.parse("scimitar-restart;until=1234;read=1000;users-applied;later-stage"))
                .as("a stage it does not know is ignored").contains(usersApplied);
    }
}
