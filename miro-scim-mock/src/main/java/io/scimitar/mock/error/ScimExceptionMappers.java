package io.scimitar.mock.error;

import io.scimitar.mock.json.ScimJson;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to an error body, never a stack trace: the SCIM error schema on SCIM paths, RFC 9457
 * problem+json on the admin API ({@code /admin}).
 */
public class ScimExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ScimExceptionMappers.class);

    private final ScimJson json;

    public ScimExceptionMappers(ScimJson json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response mapScim(ScimException e, HttpServerRequest request) {
        return error(request, e.status(), e.scimType(), e.detail());
    }

    @ServerExceptionMapper
    public Response mapNotAllowed(NotAllowedException e, HttpServerRequest request) {
        return error(request, 405, null, isAdmin(request) ? "Method not allowed" : "Miro doesn't support the requested method");
    }

    @ServerExceptionMapper
    public Response mapUnsupportedMediaType(NotSupportedException e, HttpServerRequest request) {
        return error(request, 415, null, isAdmin(request) ? "Unsupported media type; send application/json"
                : "Unsupported media type; send application/scim+json or application/json");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String detail = status == 404 ? "Resource not found" : e.getMessage();
        return error(request, status, status == 400 ? "invalidSyntax" : null, detail);
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e, HttpServerRequest request) {
        LOG.error("Unexpected error", e);
        return error(request, 500, null, "Unexpected error; contact support");
    }

    private Response error(HttpServerRequest request, int status, String scimType, String detail) {
        if (isAdmin(request)) {
            return Response.status(status)
                    .entity(json.bytes(ProblemDetail.of(status, detail, request.path())))
                    .type(ProblemDetail.MEDIA_TYPE)
                    .build();
        }
        return json.error(status, scimType, detail);
    }

    private static boolean isAdmin(HttpServerRequest request) {
        return request != null && ProblemDetail.isAdminPath(request.path());
    }
}
