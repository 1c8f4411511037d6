package io.scimitar.provisioner.console;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The requests of assignment-service's REST API the console's directory pages pass through, each with the caller's
 * own credential ({@code X-API-Key} or {@code Authorization}, null: no header); built by {@link DirectoryPassThrough}.
 */
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
interface DirectoryApi {

    @GET
    @Path("users")
    Uni<Response> users(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("userPrincipalName") String userPrincipalName,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("users/{id}")
    Uni<Response> user(@PathParam("id") String id,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("groups")
    Uni<Response> groups(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("displayNameStartsWith") String displayNameStartsWith,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("groups/{id}")
    Uni<Response> group(@PathParam("id") String id,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("groups/{id}/members")
    Uni<Response> members(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("after") String after,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("applications/{id}")
    Uni<Response> application(@PathParam("id") String id,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("applications/{id}/appRoleAssignments")
    Uni<Response> assignments(@PathParam("id") String applicationId, @QueryParam("principalId") String principalId,
            @QueryParam("limit") String limit, @QueryParam("after") String after,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("applications/{id}/appRoleAssignments")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> assign(@PathParam("id") String applicationId, String body,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);

    @DELETE
    @Path("applications/{id}/appRoleAssignments/{assignmentId}")
    Uni<Response> unassign(@PathParam("id") String applicationId, @PathParam("assignmentId") String assignmentId,
            @HeaderParam("X-API-Key") String apiKey, @HeaderParam("Authorization") String authorization);
}
