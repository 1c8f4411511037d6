package io.scimitar.assignment.web;

import io.scimitar.assignment.error.MalformedInputException;

/** Checks that a request carried the body it needs. */
public final class JsonBody {

    private JsonBody() {
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw new MalformedInputException(null, "The request needs a JSON body");
        }
        return body;
    }
}
