package io.scimitar.events;

/** The one JSON encoding of {@link ApplicationEvent}s (the same mapping as {@link AssignmentEventCodec}). */
public final class ApplicationEventCodec {

    private ApplicationEventCodec() {
    }

    public static byte[] encode(ApplicationEvent event) {
        return EventJson.encode(event, event.type(), event.eventId());
    }

    public static String encodeToString(ApplicationEvent event) {
        return EventJson.encodeToString(event, event.type(), event.eventId());
    }

    /**
     * Reads an event.
     *
     * @throws UnsupportedEventException when the bytes are not a valid event of a supported type and version
     */
    public static ApplicationEvent decode(byte[] json) {
        return EventJson.decode(json, ApplicationEvent.class);
    }
}
