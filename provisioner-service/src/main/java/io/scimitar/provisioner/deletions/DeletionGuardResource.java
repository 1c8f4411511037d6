package io.scimitar.provisioner.deletions;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A job's deletion guard: its windows (per job, or the service's defaults) and its state. */
@Path("/api/v1/jobs/{id}/deletion-guard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class DeletionGuardResource {

    static final int MAX_SETTLE_SECONDS = 3600;
    static final int MAX_COUNTING_MINUTES = 1440;

    private final JobLookup jobs;
    private final DeletionGuardRepository repository;
    private final DeletionGuardSettings settings;

    public DeletionGuardResource(JobLookup jobs, DeletionGuardRepository repository, DeletionGuardSettings settings) {
        this.jobs = jobs;
        this.repository = repository;
        this.settings = settings;
    }

    /** The windows to set; an omitted one takes the service's default. */
    public record WindowsRequest(Integer settleSeconds, Integer countingWindowMinutes) {
    }

    /**
     * The guard of one job.
     *
     * @param threshold        the job's {@code deletionThreshold} (0: the guard is off)
     * @param tripped          whether it holds every disable and delete (an episode of TooManyDeletes)
     * @param releasedInWindow what the settle window let out within the counting window (counts toward the threshold)
     */
    public record GuardView(int threshold, int settleSeconds, int countingWindowMinutes, boolean tripped,
            Instant trippedAt, Instant rejectedAt, long settling, long held, long rejected, long releasedInWindow) {
    }

    @GET
    @Operation(summary = "The job's deletion guard: its windows, whether it tripped, and what it keeps")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<GuardView> get(@RestPath UUID id) {
        return view(id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets the job's settle window (1 to 3600 s) and counting window (1 to 1440 minutes); an "
            + "omitted one takes the service's default")
    public Uni<GuardView> put(@RestPath UUID id, WindowsRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("body", "a JSON object with settleSeconds and countingWindowMinutes is needed",
                    null));
        } else {
            range(errors, "settleSeconds", request.settleSeconds(), MAX_SETTLE_SECONDS);
            range(errors, "countingWindowMinutes", request.countingWindowMinutes(), MAX_COUNTING_MINUTES);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return jobs.requireExists(id)
                .chain(() -> repository.configure(id, request.settleSeconds(), request.countingWindowMinutes()))
                .chain(() -> view(id));
    }

    private Uni<GuardView> view(UUID id) {
        return jobs.definition(id).chain(job -> repository.state(id, settings.countingWindow()).map(state ->
                new GuardView(job.deletionThreshold(),
                        state.settleSeconds() != null ? state.settleSeconds()
                                : (int) settings.settleWindow().toSeconds(),
                        state.countingMinutes() != null ? state.countingMinutes()
                                : (int) settings.countingWindow().toMinutes(),
                        state.trippedAt() != null, state.trippedAt(), state.rejectedAt(), state.settling(),
                        state.held(), state.rejected(), state.releasedInWindow())));
    }

    private static void range(List<FieldError> errors, String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            errors.add(new FieldError(field, "must be between 1 and " + max, null));
        }
    }
}
