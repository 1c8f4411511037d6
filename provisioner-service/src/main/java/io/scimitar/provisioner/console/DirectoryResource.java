package io.scimitar.provisioner.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.scimitar.provisioner.console.DirectoryPassThrough.CallerCredential;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/**
 * The directory as the console's "Users and groups" pages see it: assignment-service's users, groups, an
 * application's roles and assignments, passed through with the caller's own key or OIDC token (a reader may read, only an admin
 * may assign or remove, here and there). Answers, refusals included, are assignment-service's, unchanged.
 */
@Path("/api/v1/directory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class DirectoryResource {

    private final DirectoryPassThrough directory;
    private final SecurityIdentity identity;

    public DirectoryResource(DirectoryPassThrough directory, SecurityIdentity identity) {
        this.directory = directory;
        this.identity = identity;
    }

    @GET
    @Path("users")
    @Operation(summary = "assignment-service's GET /users (limit, after, userPrincipalName, displayNameStartsWith)")
    public Uni<Response> users(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("userPrincipalName") String userPrincipalName,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.users(limit, after,
                userPrincipalName, displayNameStartsWith, caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("users/{userId}")
    @Operation(summary = "assignment-service's GET /users/{id}")
    public Uni<Response> user(@RestPath UUID userId, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.user(userId.toString(),
                caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("groups")
    @Operation(summary = "assignment-service's GET /groups (limit, after, displayNameStartsWith)")
    public Uni<Response> groups(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.groups(limit, after,
                displayNameStartsWith, caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("groups/{groupId}")
    @Operation(summary = "assignment-service's GET /groups/{id}")
    public Uni<Response> group(@RestPath UUID groupId, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.group(groupId.toString(),
                caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("groups/{groupId}/members")
    @Operation(summary = "assignment-service's GET /groups/{id}/members (limit, after)")
    public Uni<Response> members(@RestPath UUID groupId, @QueryParam("limit") String limit,
            @QueryParam("after") String after, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.members(groupId.toString(),
                limit, after, caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("applications/{applicationId}")
    @Operation(summary = "assignment-service's GET /applications/{id}: the application with its app roles")
    public Uni<Response> application(@RestPath UUID applicationId, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.application(
                applicationId.toString(), caller.apiKey(), caller.authorization()));
    }

    @GET
    @Path("applications/{applicationId}/appRoleAssignments")
    @Operation(summary = "assignment-service's GET /applications/{id}/appRoleAssignments (principalId, limit, after)")
    public Uni<Response> assignments(@RestPath UUID applicationId, @QueryParam("principalId") String principalId,
            @QueryParam("limit") String limit, @QueryParam("after") String after, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.assignments(
                applicationId.toString(), principalId, limit, after, caller.apiKey(), caller.authorization()));
    }

    @POST
    @Path("applications/{applicationId}/appRoleAssignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "assignment-service's POST /applications/{id}/appRoleAssignments {principalId, appRoleId}: "
            + "assigns a user or group with an app role (admin); 201 with the Location of the assignment here")
    public Uni<Response> assign(@RestPath UUID applicationId, String body, @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.assign(applicationId.toString(),
                body == null ? "" : body, caller.apiKey(), caller.authorization()));
    }

    @DELETE
    @Path("applications/{applicationId}/appRoleAssignments/{assignmentId}")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "assignment-service's DELETE /applications/{id}/appRoleAssignments/{assignmentId} (admin)")
    public Uni<Response> unassign(@RestPath UUID applicationId, @RestPath UUID assignmentId,
            @Context HttpHeaders headers) {
        return directory.forward(CallerCredential.of(headers, identity), (api, caller) -> api.unassign(
                applicationId.toString(), assignmentId.toString(), caller.apiKey(), caller.authorization()));
    }
}
