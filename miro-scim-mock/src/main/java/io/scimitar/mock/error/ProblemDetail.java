package io.scimitar.mock.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/** The RFC 9457 problem body of the admin API's errors (SCIM paths keep the SCIM error body). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String ADMIN_PATH = "/admin";

    /** Whether {@code path} belongs to the admin API, whose errors are problem+json. */
    public static boolean isAdminPath(String path) {
        return path != null && (path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/"));
    }

    public static ProblemDetail of(int status, String detail, String instance) {
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : family == Response.Status.Family.CLIENT_ERROR ? "Client error" : "Error";
        return new ProblemDetail("about:blank", title, status, detail, instance);
    }
}
