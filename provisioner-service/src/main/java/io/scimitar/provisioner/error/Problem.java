package io.scimitar.provisioner.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem detail, with the invalid fields of a rejected request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Which field is wrong and why; {@code position} is the 0-based character of an expression error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Integer position) {
    }
}
