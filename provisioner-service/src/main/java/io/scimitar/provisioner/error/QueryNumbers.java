package io.scimitar.provisioner.error;

import java.util.List;

/** Reads a whole-number query parameter, so that a wrong one is a 400 naming it rather than the framework's 404. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The value of {@code name}, null when absent; a problem is added to {@code errors} when it is not in range. */
    public static Long parse(String name, String value, long min, long max, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, in the same words as a number out of range
        }
        errors.add(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max, null));
        return null;
    }
}
