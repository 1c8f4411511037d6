package io.scimitar.provisioner.progress;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** assignment-service's count of the users and groups in an application's scope; built by {@link SourceScope}. */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
interface AssignedCountsApi {

    @GET
    @Path("{id}/assignedCounts")
    Uni<SourceCounts> counts(@PathParam("id") String applicationId, @HeaderParam("X-API-Key") String apiKey);
}
