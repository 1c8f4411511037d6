package io.scimitar.mock.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The SCIM error body (RFC 7644 §3.12); {@code status} is a string as the RFC requires. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimError(List<String> schemas, String status, String scimType, String detail) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static ScimError of(int status, String scimType, String detail) {
        return new ScimError(List.of(SCHEMA), Integer.toString(status), scimType, detail);
    }
}
