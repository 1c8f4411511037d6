package io.scimitar.provisioner.rules.filter;

/** A scoping filter cannot be used: unknown operator, invalid regex, non-integer Greater_Than value, and so on. */
public class ScopingFilterValidationException extends RuntimeException {

    public ScopingFilterValidationException(String message) {
        super(message);
    }
}
