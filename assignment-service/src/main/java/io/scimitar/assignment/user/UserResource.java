package io.scimitar.assignment.user;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Users of the directory. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@RolesAllowed(ApiRoles.ADMIN)
public class UserResource {

    private final UserService service;

    public UserResource(UserService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create a user")
    public Response create(UserRequest request) {
        User user = service.create(JsonBody.required(request));
        return Response.created(URI.create("/api/v1/users/" + user.id())).tag(etag(user))
                .entity(UserMapper.toResponse(user)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Operation(summary = "List users, by id, with keyset paging and optional filters")
    public Page<UserResponse> list(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("userPrincipalName") String userPrincipalName,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith,
            @QueryParam("department") String department, @QueryParam("accountEnabled") String accountEnabled,
            @QueryParam("deleted") String deleted) {
        UserFilter filter = new UserFilter(QueryParams.text("userPrincipalName", userPrincipalName),
                QueryParams.text("displayNameStartsWith", displayNameStartsWith),
                QueryParams.text("department", department), QueryParams.bool("accountEnabled", accountEnabled),
                QueryParams.flag("deleted", deleted));
        return service.list(filter, PageRequest.of(limit, after)).map(UserMapper::toResponse);
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Read a user (soft-deleted users too)")
    public Response get(@PathParam("id") UUID id) {
        User user = service.get(id);
        return Response.ok(UserMapper.toResponse(user)).tag(etag(user)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a user (JSON merge patch); If-Match makes it conditional on the ETag")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        User user = service.patch(id, JsonBody.required(patch), ETags.parseIfMatch(ifMatch));
        return Response.ok(UserMapper.toResponse(user)).tag(etag(user)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Soft-delete a user, or with permanent=true delete it for good")
    public Response delete(@PathParam("id") UUID id, @QueryParam("permanent") String permanent) {
        if (QueryParams.flag("permanent", permanent)) {
            service.hardDelete(id);
        } else {
            service.softDelete(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("{id}/restore")
    @Operation(summary = "Restore a soft-deleted user")
    public Response restore(@PathParam("id") UUID id) {
        User user = service.restore(id);
        return Response.ok(UserMapper.toResponse(user)).tag(etag(user)).build();
    }

    private static jakarta.ws.rs.core.EntityTag etag(User user) {
        return new jakarta.ws.rs.core.EntityTag(Long.toString(user.rowVersion()));
    }
}
