package io.scimitar.events;

/** Builds and splits the Kafka record keys of the assignment topic. */
public final class EventKeys {

    private static final char SEPARATOR = '/';

    private EventKeys() {
    }

    /** The key of every event about {@code objectId} for {@code applicationId}. */
    public static String key(String applicationId, String objectId) {
        return applicationId + SEPARATOR + objectId;
    }

    /** The application id a key belongs to. */
    public static String applicationId(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("Not an assignment event key: " + key);
        }
        return key.substring(0, at);
    }
}
