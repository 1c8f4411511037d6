package io.scimitar.assignment.outbox;

import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The state of the outbox: backlog, age of its oldest row, dead letters (counted on each call). */
@Path("/api/v1/outbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "outbox")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class OutboxResource {

    private final OutboxStatistics statistics;

    public OutboxResource(OutboxStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @Operation(summary = "Rows waiting to be relayed, the age of the oldest, and the dead letters")
    public Uni<OutboxSummaryResponse> summary() {
        return statistics.read().map(OutboxSummaryResponse::of);
    }
}
