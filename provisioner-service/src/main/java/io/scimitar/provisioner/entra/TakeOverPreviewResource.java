package io.scimitar.provisioner.entra;

import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** Before taking over a tenant Entra provisioned: how many users a job would link, update and create. */
@Path("/api/v1/jobs/{id}/take-over-preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Moving over from Entra")
@RolesAllowed(ApiRoles.ADMIN)
public class TakeOverPreviewResource {

    private final TakeOverPlanner planner;

    public TakeOverPreviewResource(TakeOverPlanner planner) {
        this.planner = planner;
    }

    @GET
    @Operation(summary = "Counts, over every user in the job's scope, how many of the users the job would create are "
            + "linked to an existing target user instead (and of those how many updated), created, or duplicates, "
            + "against the job's target index; status READING_TARGET while the target's users are being read into "
            + "it (ask again)")
    public Uni<TakeOverPreview> preview(@RestPath UUID id) {
        return planner.preview(id);
    }
}
