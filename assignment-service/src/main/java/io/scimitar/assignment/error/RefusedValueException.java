package io.scimitar.assignment.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON value of the right type that the service still refuses to read, with a reason fit for the caller. */
public class RefusedValueException extends MismatchedInputException {

    public RefusedValueException(JsonParser parser, String reason, Class<?> targetType) {
        super(parser, reason, targetType);
    }
}
