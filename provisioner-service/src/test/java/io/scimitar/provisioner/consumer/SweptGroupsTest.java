package io.scimitar.provisioner.consumer;

import io.scimitar.events.EventKeys;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Which groups an instance's sweep covers: those whose events (keyed by application and group) are on its partitions. */
class SweptGroupsTest {

    @Test
    void aGroupIsSweptWhereItsEventsArePartitioned() {
        Predicate<String> ownsKey = EventKeys.key("app-1", "group-mine")::equals;

        Predicate<String> swept = JobSupervisor.groupsOn("app-1", ownsKey);

        assertThat(swept.test("group-mine")).isTrue();
        assertThat(swept.test("group-elsewhere")).isFalse();
        assertThat(JobSupervisor.groupsOn("app-2", ownsKey).test("group-mine")).as("another application's key")
                .isFalse();
    }
}
