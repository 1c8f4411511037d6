package io.scimitar.security;

/** A configured API key breaks the key rules; the service refuses to start. The message never holds a key. */
public class InvalidApiKeyException extends IllegalStateException {

    public InvalidApiKeyException(String message) {
        super(message);
    }
}
