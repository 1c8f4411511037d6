package io.scimitar.assignment.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Decides the status code and RFC 9457 body of every error the API returns. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return respond(Problem.of("validation", "Invalid input", 422, e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response malformed(MalformedInputException e) {
        return respond(Problem.of("malformed-request", "Malformed request", 400, e.getMessage(),
                e.field() == null ? List.of() : List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response badJsonValue(InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        FieldError error = JsonErrors.describe(e);
        if (JsonErrors.tooLarge(e)) {
            return respond(Problem.of("payload-too-large", "Payload too large", 413,
                    "The body is larger than " + JsonErrors.MAX_DOCUMENT_CHARS + " characters", List.of()));
        }
        return respond(Problem.of("malformed-request", "Malformed request", 400, JsonErrors.sentence(error),
                error.field() == null ? List.of() : List.of(error)));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(Problem.of("conflict", "Conflict", 409, e.getMessage(),
                e.field() == null ? List.of() : List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e) {
        return respond(Problem.of("precondition-failed", "Precondition failed", 412, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return respond(Problem.of("payload-too-large", "Payload too large", 413, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return respond(Problem.of("http-" + status, title, status, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500,
                "An unexpected error occurred; it has been logged", List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
