package io.scimitar.assignment.error;

/** The If-Match version is not the current one: someone else changed the object first. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String kind, Object id, long current) {
        super(kind + " " + id + " was changed by someone else; its current version is " + current);
    }
}
