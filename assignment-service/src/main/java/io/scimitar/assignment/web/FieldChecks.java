package io.scimitar.assignment.web;

import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Collects every field error of one request, so that the answer names them all at once. */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldChecks required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    public FieldChecks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return this;
    }

    public FieldChecks matches(String field, String value, Pattern pattern, String reason) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, reason));
        }
        return this;
    }

    public FieldChecks uuid(String field, String value) {
        if (value != null) {
            try {
                UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "must be a GUID"));
            }
        }
        return this;
    }

    public FieldChecks fail(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
