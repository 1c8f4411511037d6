package io.scimitar.assignment.error;

/** The request body cannot be read: not JSON, a wrong type, an unknown or read-only field. */
public class MalformedInputException extends RuntimeException {

    private final String field;

    public MalformedInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
