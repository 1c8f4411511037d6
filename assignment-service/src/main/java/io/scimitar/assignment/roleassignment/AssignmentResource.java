package io.scimitar.assignment.roleassignment;

import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.web.JsonBody;
import io.scimitar.assignment.web.QueryParams;
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

import java.net.URI;
import java.util.UUID;

/** App-role assignments of one application. */
@Path("/api/v1/applications/{applicationId}/appRoleAssignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "appRoleAssignments")
@RolesAllowed(ApiRoles.ADMIN)
public class AssignmentResource {

    private final AssignmentService service;

    public AssignmentResource(AssignmentService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Assign a user or group (principalId) with an app role (default: Default Access)")
    public Response assign(@PathParam("applicationId") UUID applicationId, AssignmentRequest request) {
        JsonBody.required(request);
        if (request.applicationId() != null
                && !request.applicationId().equals(applicationId.toString())) {
            throw new io.scimitar.assignment.error.InvalidInputException("applicationId",
                    "does not match the application in the path");
        }
        AppRoleAssignment assignment = service.assign(applicationId, request);
        return Response.created(URI.create("/api/v1/applications/" + applicationId + "/appRoleAssignments/"
                + assignment.id())).entity(AssignmentResponse.of(assignment)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Operation(summary = "List the application's assignments, optionally of one principal")
    public Page<AssignmentResponse> list(@PathParam("applicationId") UUID applicationId,
            @QueryParam("principalId") String principalId, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        return service.list(applicationId, QueryParams.uuid("principalId", principalId), PageRequest.of(limit, after))
                .map(AssignmentResponse::of);
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Read an assignment")
    public AssignmentResponse get(@PathParam("applicationId") UUID applicationId, @PathParam("id") UUID id) {
        return AssignmentResponse.of(service.get(applicationId, id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove an assignment")
    public Response unassign(@PathParam("applicationId") UUID applicationId, @PathParam("id") UUID id) {
        service.unassign(applicationId, id);
        return Response.noContent().build();
    }
}
