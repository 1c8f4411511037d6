package io.scimitar.assignment.error;

/** Which input field was wrong, and why. */
public record FieldError(String field, String reason) {
}
