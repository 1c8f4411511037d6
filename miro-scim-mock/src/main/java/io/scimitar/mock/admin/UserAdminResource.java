package io.scimitar.mock.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.query.AttributeProjection;
import io.scimitar.mock.user.UserService;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * Users changed as an administrator changes them in Miro's own UI (add, edit, deactivate or reactivate, delete): the
 * mock's state changes behind the SCIM client's back, without a SCIM request (no counter, no rate-limit budget, no
 * fault), under the same rules and invariants as over SCIM.
 */
@Path("/admin/users")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin (test control)")
public class UserAdminResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final UserService users;
    private final ScimJson json;

    public UserAdminResource(UserService users, ScimJson json) {
        this.users = users;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user as an administrator does in Miro (a SCIM user body; schemas optional)")
    public Response add(byte[] body) {
        ObjectNode added = users.add(json.parseObject(body));
        return Response.created(URI.create("/admin/users/" + added.get("id").asText()))
                .entity(json.bytes(added)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A user as SCIM shows it, read without a SCIM request")
    public Response get(@PathParam("id") String id) {
        return ok(users.get(id, AttributeProjection.of(null, null)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Edit a user's attributes or set it active or inactive: a JSON merge patch, e.g."
            + " {\"displayName\":\"x\",\"name\":{\"familyName\":\"y\"},\"active\":false}")
    public Response edit(@PathParam("id") String id, byte[] body) {
        return ok(users.edit(id, json.parseObject(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user; it leaves every team and user group (a team's last admin: 409)")
    public Response delete(@PathParam("id") String id) {
        users.delete(id);
        return Response.noContent().build();
    }

    private Response ok(ObjectNode user) {
        return Response.ok(json.bytes(user)).type(MediaType.APPLICATION_JSON).build();
    }
}
