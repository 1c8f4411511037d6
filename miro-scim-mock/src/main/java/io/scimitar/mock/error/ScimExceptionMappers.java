package io.scimitar.mock.error;

import io.scimitar.mock.json.ScimJson;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to the SCIM error body: the mock never answers with a stack trace. */
public class ScimExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ScimExceptionMappers.class);

    private final ScimJson json;

    public ScimExceptionMappers(ScimJson json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response mapScim(ScimException e) {
        return json.error(e.status(), e.scimType(), e.detail());
    }

    @ServerExceptionMapper
    public Response mapNotAllowed(NotAllowedException e) {
        return json.error(405, null, "Miro doesn't support the requested method");
    }

    @ServerExceptionMapper
    public Response mapUnsupportedMediaType(NotSupportedException e) {
        return json.error(415, null, "Unsupported media type; send application/scim+json or application/json");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = status == 404 ? "Resource not found" : e.getMessage();
        return json.error(status, status == 400 ? "invalidSyntax" : null, detail);
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return json.error(500, null, "Unexpected error; contact support");
    }
}
