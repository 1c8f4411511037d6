package io.scimitar.assignment.group;

import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.assignment.paging.Page;
import io.scimitar.assignment.paging.PageRequest;
import io.scimitar.assignment.web.ETags;
import io.scimitar.assignment.web.QueryParams;
import io.scimitar.events.MemberRef;
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

/** Groups of the directory and their direct members. */
@Path("/api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
@RolesAllowed(ApiRoles.ADMIN)
public class GroupResource {

    private final GroupService service;

    public GroupResource(GroupService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create a group")
    public Response create(GroupRequest request) {
        Group group = service.create(JsonBody.required(request));
        return Response.created(URI.create("/api/v1/groups/" + group.id())).tag(etag(group))
                .entity(GroupMapper.toResponse(group)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Operation(summary = "List groups, by id, with keyset paging")
    public Page<GroupResponse> list(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith,
            @QueryParam("deleted") String deleted) {
        return service.list(QueryParams.text("displayNameStartsWith", displayNameStartsWith),
                        QueryParams.flag("deleted", deleted), PageRequest.of(limit, after))
                .map(GroupMapper::toResponse);
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}")
    @Operation(summary = "Read a group (soft-deleted groups too)")
    public Response get(@PathParam("id") UUID id) {
        Group group = service.get(id);
        return Response.ok(GroupMapper.toResponse(group)).tag(etag(group)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a group (JSON merge patch); If-Match makes it conditional on the ETag")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        Group group = service.patch(id, JsonBody.required(patch), ETags.parseIfMatch(ifMatch));
        return Response.ok(GroupMapper.toResponse(group)).tag(etag(group)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Soft-delete a group, or with permanent=true delete it for good")
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
    @Operation(summary = "Restore a soft-deleted group")
    public Response restore(@PathParam("id") UUID id) {
        Group group = service.restore(id);
        return Response.ok(GroupMapper.toResponse(group)).tag(etag(group)).build();
    }

    @GET
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    @Path("{id}/members")
    @Operation(summary = "List the direct members of a group")
    public Page<MemberResponse> members(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        return service.members(id, PageRequest.of(limit, after)).map(m -> new MemberResponse(m.id(), m.type()));
    }

    @POST
    @Path("{id}/members")
    @Operation(summary = "Add a direct member (a user or a group)")
    public Response addMember(@PathParam("id") UUID id, MemberRequest request) {
        MemberRef member = service.addMember(id, JsonBody.required(request));
        return Response.created(URI.create("/api/v1/groups/" + id + "/members/" + member.id()))
                .entity(new MemberResponse(member.id(), member.type())).build();
    }

    @DELETE
    @Path("{id}/members/{memberId}")
    @Operation(summary = "Remove a direct member")
    public Response removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        service.removeMember(id, memberId);
        return Response.noContent().build();
    }

    private static EntityTag etag(Group group) {
        return new EntityTag(Long.toString(group.rowVersion()));
    }
}
