package io.scimitar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The one JSON encoding of {@link ApplicationEvent}s (the same mapper configuration as {@link AssignmentEventCodec}). */
public final class ApplicationEventCodec {

    private static final ObjectMapper MAPPER = AssignmentEventCodec.objectMapper();

    private ApplicationEventCodec() {
    }

    public static byte[] encode(ApplicationEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.type() + " event " + event.eventId(), e);
        }
    }

    public static String encodeToString(ApplicationEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.type() + " event " + event.eventId(), e);
        }
    }

    /**
     * Reads an event.
     *
     * @throws UnsupportedEventException when the bytes are not a valid event of a supported type and version
     */
    public static ApplicationEvent decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new UnsupportedEventException("Empty event body");
        }
        try {
            return MAPPER.readValue(json, ApplicationEvent.class);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof UnsupportedEventException unsupported) {
                throw unsupported;
            }
            throw new UnsupportedEventException("Unreadable event: " + root.getMessage(), e);
        }
    }
}
