package io.scimitar.provisioner.entra;

import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Creates a job from an Entra synchronization schema. */
@Path("/api/v1/jobs/entra-schema")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moving over from Entra")
@RolesAllowed(ApiRoles.ADMIN)
public class EntraSchemaImportResource {

    private final EntraSchemaService schemas;

    public EntraSchemaImportResource(EntraSchemaService schemas) {
        this.schemas = schemas;
    }

    @POST
    @Operation(summary = "Creates a job from an Entra synchronizationSchema and its connection settings; answers the "
            + "job and a report of what was not carried over, each item with its JSON pointer")
    public Uni<Response> create(EntraSchemaImport body, UriInfo uri) {
        return schemas.create(body).map(created -> Response.created(uri.getBaseUriBuilder()
                        .path("api/v1/jobs").path(created.id().toString()).build())
                .tag(Long.toString(created.version())).entity(created.answer()).build());
    }
}
