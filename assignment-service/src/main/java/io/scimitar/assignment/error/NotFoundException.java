package io.scimitar.assignment.error;

/** The addressed object does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " does not exist");
    }
}
