package io.scimitar.events;

/** An event that cannot be read: malformed JSON, an unknown type or an unsupported schema version. */
public class UnsupportedEventException extends RuntimeException {

    public UnsupportedEventException(String message) {
        super(message);
    }

    public UnsupportedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
