package io.scimitar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.UUID;

/** The JSON mapping every event codec of this library shares: the mapper, encoding, and decoding with its errors. */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // a newer minor revision of the same schema version may add optional fields
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    static byte[] encode(Object event, String type, UUID eventId) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + type + " event " + eventId, e);
        }
    }

    static String encodeToString(Object event, String type, UUID eventId) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + type + " event " + eventId, e);
        }
    }

    /**
     * Reads an event of {@code type}.
     *
     * @throws UnsupportedEventException when the bytes are not a valid event of a supported type and version
     */
    static <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new UnsupportedEventException("Empty event body");
        }
        try {
            return MAPPER.readValue(json, type);
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
