package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;
import java.util.UUID;

/** A job's rules as an Entra synchronization schema: read it, or replace them from one. */
@Path("/api/v1/jobs/{id}/entra-schema")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moving over from Entra")
@RolesAllowed(ApiRoles.ADMIN)
public class EntraSchemaResource {

    private final EntraSchemaService schemas;

    public EntraSchemaResource(EntraSchemaService schemas) {
        this.schemas = schemas;
    }

    @GET
    @Operation(summary = "The job's mappings, actions and scoping filters as an Entra synchronizationSchema")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<ObjectNode> export(@RestPath UUID id) {
        return schemas.export(id);
    }

    @PUT
    @Operation(summary = "Replaces the job's mappings, actions and scoping filters from an Entra synchronizationSchema "
            + "(connection settings optional: omitted ones are kept); If-Match with the job's version guards against "
            + "lost updates")
    public Uni<Response> replace(@RestPath UUID id, @HeaderParam("If-Match") String ifMatch, EntraSchemaImport body) {
        return schemas.replace(id, version(ifMatch), body)
                .map(changed -> Response.ok(changed.answer()).tag(Long.toString(changed.version())).build());
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.trim().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "Invalid request", "If-Match must be the job's version as its ETag "
                    + "gives it, not '" + ifMatch + "'", List.of());
        }
    }
}
