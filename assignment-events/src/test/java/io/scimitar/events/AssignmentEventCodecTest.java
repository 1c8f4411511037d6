package io.scimitar.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentEventCodecTest {

    @Test
    void roundTripsEveryEventType() {
        for (AssignmentEvent event : SampleEvents.oneOfEach()) {
            assertThat(AssignmentEventCodec.decode(AssignmentEventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void keysEveryEventOfOneObjectTheSame() {
        List<AssignmentEvent> events = SampleEvents.oneOfEach();
        assertThat(events.get(0).key()).isEqualTo(events.get(1).key()).isEqualTo(SampleEvents.APP + "/user-1");
        assertThat(events.get(2).key()).isEqualTo(events.get(3).key()).isEqualTo(events.get(5).key());
        assertThat(EventKeys.applicationId(events.get(2).key())).isEqualTo(SampleEvents.APP);
    }

    @Test
    void roundTripsApplicationEventsKeyedByTheApplicationId() {
        for (ApplicationEvent event : SampleEvents.oneOfEachApplicationEvent()) {
            assertThat(ApplicationEventCodec.decode(ApplicationEventCodec.encode(event))).isEqualTo(event);
            assertThat(event.key()).isEqualTo(SampleEvents.APP);
        }
    }

    @Test
    void applicationCodecRejectsAssignmentEventsAndGarbage() {
        byte[] assignment = AssignmentEventCodec.encode(SampleEvents.oneOfEach().get(1));
        assertThatThrownBy(() -> ApplicationEventCodec.decode(assignment))
                .isInstanceOf(UnsupportedEventException.class);
        assertThatThrownBy(() -> ApplicationEventCodec.decode("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedEventException.class);
    }

    @Test
    void rejectsAnUnsupportedSchemaVersion() {
        String json = AssignmentEventCodec.encodeToString(SampleEvents.oneOfEach().get(1))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> AssignmentEventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("Unsupported schema version 2");
    }

    @Test
    void rejectsUnknownTypesAndGarbage() {
        assertThatThrownBy(() -> AssignmentEventCodec.decode("{\"type\":\"user.renamed\",\"schemaVersion\":1}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(UnsupportedEventException.class);
        assertThatThrownBy(() -> AssignmentEventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedEventException.class);
        assertThatThrownBy(() -> AssignmentEventCodec.decode(new byte[0]))
                .isInstanceOf(UnsupportedEventException.class);
    }

    @Test
    void refusesOversizedMembershipEvents() {
        List<MemberRef> members = java.util.stream.IntStream.rangeClosed(0, GroupMembershipEvent.MAX_MEMBERS_PER_EVENT)
                .mapToObj(i -> MemberRef.user("u" + i)).toList();
        assertThatThrownBy(() -> GroupMembershipEvent.delta(UUID.randomUUID(), SampleEvents.AT, SampleEvents.APP,
                "g", 1, members, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
