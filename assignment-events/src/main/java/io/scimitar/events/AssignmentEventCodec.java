package io.scimitar.events;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON encoding of {@link AssignmentEvent}s, used by the producer and the consumer alike. */
public final class AssignmentEventCodec {

    private AssignmentEventCodec() {
    }

    public static byte[] encode(AssignmentEvent event) {
        return EventJson.encode(event, event.type(), event.eventId());
    }

    public static String encodeToString(AssignmentEvent event) {
        return EventJson.encodeToString(event, event.type(), event.eventId());
    }

    /**
     * Reads an event.
     *
     * @throws UnsupportedEventException when the bytes are not a valid event of a supported type and version
     */
    public static AssignmentEvent decode(byte[] json) {
        return EventJson.decode(json, AssignmentEvent.class);
    }

    /** The mapper configuration, for components that embed events in other JSON documents. */
    public static ObjectMapper objectMapper() {
        return EventJson.MAPPER.copy();
    }
}
