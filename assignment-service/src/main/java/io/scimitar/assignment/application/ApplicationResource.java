package io.scimitar.assignment.application;

import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.web.ETags;
import io.scimitar.assignment.web.QueryParams;
import io.scimitar.assignment.web.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Enterprise applications and their app roles. */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "applications")
@RolesAllowed(ApiRoles.ADMIN)
public class ApplicationResource {

    private final ApplicationService service;
    private final ResnapshotService resnapshots;
    private final AssignedCountService counts;

    public ApplicationResource(ApplicationService service, ResnapshotService resnapshots,
            AssignedCountService counts) {
        this.service = service;
        this.resnapshots = resnapshots;
        this.counts = counts;
    }

    @POST
    @Operation(summary = "Create an application; it always gets the \"Default Access\" role (value User)")
    public Response create(ApplicationRequest request) {
        Application app = service.create(JsonBody.required(request));
        return Response.created(URI.create("/api/v1/applications/" + app.id())).tag(etag(app))
                .entity(ApplicationResponse.of(app)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Operation(summary = "List applications, by id, with keyset paging")
    public Page<ApplicationResponse> list(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith) {
        return service.list(QueryParams.text("displayNameStartsWith", displayNameStartsWith),
                PageRequest.of(limit, after)).map(ApplicationResponse::of);
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Read an application with its app roles")
    public Response get(@PathParam("id") UUID id) {
        Application app = service.get(id);
        return Response.ok(ApplicationResponse.of(app)).tag(etag(app)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}/assignedCounts")
    @Operation(summary = "Count the users and groups in the application's scope (the total of a provisioning sync)")
    public AssignedCounts assignedCounts(@PathParam("id") UUID id) {
        return counts.count(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change displayName or publishUnassigned (JSON merge patch)")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        Application app = service.patch(id, JsonBody.required(patch), ETags.parseIfMatch(ifMatch));
        return Response.ok(ApplicationResponse.of(app)).tag(etag(app)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an application and its assignments")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/appRoles")
    @Operation(summary = "Add an app role")
    public Response addRole(@PathParam("id") UUID id, AppRoleRequest request) {
        AppRole role = service.addRole(id, JsonBody.required(request));
        return Response.created(URI.create("/api/v1/applications/" + id + "/appRoles/" + role.id()))
                .entity(ApplicationResponse.role(role)).build();
    }

    @PATCH
    @Path("{id}/appRoles/{roleId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change an app role's value, displayName or description")
    public ApplicationResponse.AppRoleResponse patchRole(@PathParam("id") UUID id, @PathParam("roleId") UUID roleId,
            JsonNode patch) {
        return ApplicationResponse.role(service.patchRole(id, roleId, JsonBody.required(patch)));
    }

    @DELETE
    @Path("{id}/appRoles/{roleId}")
    @Operation(summary = "Delete an app role that nobody holds")
    public Response deleteRole(@PathParam("id") UUID id, @PathParam("roleId") UUID roleId) {
        service.deleteRole(id, roleId);
        return Response.noContent().build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("{id}/resnapshot")
    @Operation(summary = "Re-emit the current effective state of the application: users, groups, memberships")
    public ResnapshotResponse resnapshot(@PathParam("id") UUID id) {
        return resnapshots.resnapshot(id);
    }

    private static EntityTag etag(Application app) {
        return new EntityTag(Long.toString(app.rowVersion()));
    }
}
