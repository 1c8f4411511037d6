package io.scimitar.assignment.deadletter;

import io.scimitar.assignment.paging.Page;
import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Outbox rows the broker refused for good: read (reader), retry or discard (admin). */
@Path("/api/v1/outbox/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "outbox")
@RolesAllowed(ApiRoles.ADMIN)
public class DeadLetterResource {

    private final DeadLetterService service;

    public DeadLetterResource(DeadLetterService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Operation(summary = "List dead letters by id (oldest first), without their payloads, with keyset paging")
    public Page<DeadLetterResponse> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return service.list(DeadLetterPageRequest.of(limit, after)).map(DeadLetterResponse::of);
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Read a dead letter with its payload")
    public DeadLetterResponse get(@PathParam("id") long id) {
        return DeadLetterResponse.of(service.get(id));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Move a dead letter back to the end of the outbox; 409 when a later event of its key was "
            + "written since, unless force=true")
    public Response retry(@PathParam("id") long id, @QueryParam("force") boolean force) {
        return Response.accepted(new RetryResponse(id, service.retry(id, force))).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Discard a dead letter for good")
    public Response discard(@PathParam("id") long id) {
        service.discard(id);
        return Response.noContent().build();
    }
}
