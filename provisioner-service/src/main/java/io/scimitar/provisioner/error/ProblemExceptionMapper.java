package io.scimitar.provisioner.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Decides status codes and RFC 9457 bodies for everything the API refuses, in one place. */
public class ProblemExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return response(new Problem("about:blank", e.title(), e.status(), e.getMessage(), uri.getPath(),
                e.errors().isEmpty() ? null : e.errors()));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return response(JsonProblems.problem(e, uri.getPath()));
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleObjectStateException e, UriInfo uri) {
        return response(new Problem("about:blank", "Conflict", 409,
                "The job was changed by someone else meanwhile; read it again and retry", uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        return response(new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                detail(status), uri.getPath(), null));
    }

    /** Our own words for the framework's refusals: its messages may carry class names or echo the request. */
    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not valid";
            case 401 -> "An API key is required";
            case 403 -> "This API key may not do this";
            case 404 -> "There is nothing at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "This path cannot answer in the media type asked for";
            case 413 -> "The request body is too large";
            case 415 -> "The body's Content-Type is not supported here; send application/json";
            default -> "The request could not be processed";
        };
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return response(new Problem("about:blank", "Internal error", 500,
                "An unexpected error occurred; see the provisioner's log", uri.getPath(), null));
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
