package io.scimitar.provisioner.deletions;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.error.QueryNumbers;
import io.scimitar.provisioner.escrow.EscrowEntry;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The disables and deletes the deletion guard holds for a job, and the administrator's "allow deletes". */
@Path("/api/v1/jobs/{id}/staged-deletions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class StagedDeletionResource {

    static final int MAX_LISTED = 1000;

    private final JobLookup jobs;
    private final EscrowRepository escrow;
    private final QuarantineKeeper quarantine;
    private final DeletionGuard guard;

    public StagedDeletionResource(JobLookup jobs, EscrowRepository escrow, QuarantineKeeper quarantine,
            DeletionGuard guard) {
        this.jobs = jobs;
        this.escrow = escrow;
        this.quarantine = quarantine;
        this.guard = guard;
    }

    /** One held disable or delete. */
    public record StagedDeletion(String objectKey, long objectVersion, Instant stagedAt, String reason) {
    }

    /** What "allow" did. */
    public record Allowed(int released) {
    }

    @GET
    @Operation(summary = "Lists the disables and deletes held by the deletion guard (at most 1000, oldest first)")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<List<StagedDeletion>> list(@RestPath UUID id, @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        Long parsed = QueryNumbers.parse("limit", limit, 1, MAX_LISTED, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        int max = parsed == null ? MAX_LISTED : parsed.intValue();
        return jobs.requireExists(id).chain(() -> escrow.staged(id, max)).map(entries -> entries.stream()
                .map(StagedDeletionResource::view).toList());
    }

    @POST
    @Path("allow")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Allows the held disables and deletes (Entra's 'Allow deletes'): they go out at the job's "
            + "next escrow check and the TooManyDeletes quarantine ends")
    public Uni<Allowed> allow(@RestPath UUID id) {
        return jobs.requireExists(id)
                .chain(() -> escrow.release(id, Instant.now()))
                .call(() -> quarantine.leave(id, QuarantineReason.TooManyDeletes))
                .invoke(() -> guard.reset(id))
                .map(Allowed::new);
    }

    private static StagedDeletion view(EscrowEntry entry) {
        return new StagedDeletion(entry.objectKey(), entry.objectVersion(), entry.firstFailure(),
                entry.errorReason());
    }
}
