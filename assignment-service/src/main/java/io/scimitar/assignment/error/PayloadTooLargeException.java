package io.scimitar.assignment.error;

/** A bulk request above the configured limit, refused before anything is read or written. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
