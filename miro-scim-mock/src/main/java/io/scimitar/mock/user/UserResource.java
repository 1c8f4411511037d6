package io.scimitar.mock.user;

import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.patch.PatchRequest;
import io.scimitar.mock.query.AttributeProjection;
import io.scimitar.mock.query.PageRequest;
import io.scimitar.mock.query.SortRequest;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SCIM /Users endpoints, served on the event loop (all state is in memory). */
@Path("/api/v1/scim/Users")
@NonBlocking
@Tag(name = "SCIM Users")
public class UserResource {

    private final UserService users;
    private final ScimJson json;
    private final MockConfig config;

    public UserResource(UserService users, ScimJson json, MockConfig config) {
        this.users = users;
        this.json = json;
        this.config = config;
    }

    @POST
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Create a user; it joins the default team")
    public Response create(byte[] body) {
        var created = users.create(json.parseObject(body));
        return Response.status(201)
                .entity(json.bytes(created))
                .type(ScimJson.SCIM_MEDIA_TYPE)
                .header("Location", created.get("meta").get("location").asText())
                .build();
    }

    @GET
    @Operation(summary = "List users with filter, paging, sorting and attribute selection")
    public Response list(@QueryParam("filter") String filter,
                         @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count,
                         @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder,
                         @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        PageRequest page = PageRequest.of(startIndex, count, config.limits().defaultPageSize(), config.limits().maxPageSize());
        return json.ok(users.list(filter, page, SortRequest.of(sortBy, sortOrder),
                AttributeProjection.of(attributes, excludedAttributes)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a user by id")
    public Response get(@PathParam("id") String id,
                        @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return json.ok(users.get(id, AttributeProjection.of(attributes, excludedAttributes)));
    }

    @PUT
    @Path("/{id}")
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Replace a user")
    public Response replace(@PathParam("id") String id, byte[] body) {
        return json.ok(users.replace(id, json.parseObject(body)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Patch a user (Add/Replace/Remove in any letter case)")
    public Response patch(@PathParam("id") String id, byte[] body) {
        return json.ok(users.patch(id, PatchRequest.read(json, body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user permanently")
    public Response delete(@PathParam("id") String id) {
        users.delete(id);
        return Response.noContent().build();
    }
}
