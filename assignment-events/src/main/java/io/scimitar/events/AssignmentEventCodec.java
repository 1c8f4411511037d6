package io.scimitar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/** The one JSON encoding of {@link AssignmentEvent}s, used by the producer and the consumer alike. */
public final class AssignmentEventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // a newer minor revision of the same schema version may add optional fields
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AssignmentEventCodec() {
    }

    public static byte[] encode(AssignmentEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.type() + " event " + event.eventId(), e);
        }
    }

    public static String encodeToString(AssignmentEvent event) {
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
    public static AssignmentEvent decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new UnsupportedEventException("Empty event body");
        }
        try {
            return MAPPER.readValue(json, AssignmentEvent.class);
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

    /** The mapper configuration, for components that embed events in other JSON documents. */
    public static ObjectMapper objectMapper() {
        return MAPPER.copy();
    }
}
