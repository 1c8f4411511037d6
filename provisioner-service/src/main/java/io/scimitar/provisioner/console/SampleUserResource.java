package io.scimitar.provisioner.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.scimitar.provisioner.console.DirectoryPassThrough.CallerCredential;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A directory user as an application's pipeline sees it: the console's sample for expressions and scoping filters. */
@Path("/api/v1/directory/applications/{applicationId}/users/{userId}/source-object")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class SampleUserResource {

    private final SampleUsers samples;
    private final SecurityIdentity identity;

    public SampleUserResource(SampleUsers samples, SecurityIdentity identity) {
        this.samples = samples;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The user as the application's pipeline sees it: attributes under Entra's names and every app "
            + "role held directly or through a group (from the newest event published for the application; a user "
            + "not assigned: the directory's user, IsSoftDeleted true, no role), ready for the expression builder")
    public Uni<Response> sourceObject(@RestPath UUID applicationId, @RestPath UUID userId,
            @Context HttpHeaders headers) {
        return samples.sample(applicationId, userId, CallerCredential.of(headers, identity));
    }
}
