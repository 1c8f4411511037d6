package io.scimitar.assignment.error;

import java.util.List;

/** The request is well-formed JSON but breaks a rule: a bad value or a reference to an object that does not exist. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            text.append(text.isEmpty() ? "" : "; ").append(error.field()).append(": ").append(error.reason());
        }
        return text.toString();
    }
}
