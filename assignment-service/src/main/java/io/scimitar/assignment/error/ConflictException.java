package io.scimitar.assignment.error;

/** The change contradicts the current state, e.g. a userPrincipalName already in use. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
