package io.scimitar.provisioner.drift;

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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A job's reconciliation schedule (off by default). */
@Path("/api/v1/jobs/{id}/reconciliation-schedule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class ScheduleResource {

    private final JobLookup jobs;
    private final ScheduleRepository schedules;
    private final DriftSettings settings;

    public ScheduleResource(JobLookup jobs, ScheduleRepository schedules, DriftSettings settings) {
        this.jobs = jobs;
        this.schedules = schedules;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The job's reconciliation schedule, with its next and last run")
    public Uni<ReconciliationSchedule> get(@RestPath UUID id) {
        return jobs.requireExists(id).chain(() -> schedules.find(id));
    }

    @PUT
    @Operation(summary = "Sets the schedule: enabled, and either every (ISO-8601 duration, e.g. PT6H) or dailyAt "
            + "(HH:mm, UTC); mode REPORT or REPAIR with its policies")
    public Uni<ReconciliationSchedule> put(@RestPath UUID id, ReconciliationSchedule body) {
        ReconciliationSchedule asked = body == null ? ReconciliationSchedule.off() : body;
        List<FieldError> errors = new ArrayList<>();
        if (asked.enabled() && (asked.every() == null) == (asked.dailyAt() == null)) {
            errors.add(new FieldError(asked.every() == null ? "every" : "dailyAt",
                    "give exactly one of every and dailyAt for an enabled schedule", null));
        }
        if (asked.every() != null) {
            try {
                if (Duration.parse(asked.every()).compareTo(settings.minimumScheduleInterval()) < 0) {
                    errors.add(new FieldError("every", "must be at least " + settings.minimumScheduleInterval(),
                            null));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("every", "must be an ISO-8601 duration such as PT6H", null));
            }
        }
        if (asked.dailyAt() != null) {
            try {
                LocalTime.parse(asked.dailyAt());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("dailyAt", "must be a time of day HH:mm (UTC), such as 02:30", null));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ReconciliationSchedule stored = new ReconciliationSchedule(asked.enabled(), asked.every(), asked.dailyAt(),
                asked.mode(), asked.policies(), null, null);
        stored = new ReconciliationSchedule(stored.enabled(), stored.every(), stored.dailyAt(), stored.mode(),
                stored.policies(), stored.nextAfter(Instant.now()), null);
        ReconciliationSchedule saved = stored;
        return jobs.definition(id).invoke(job -> {
            List<FieldError> refused = saved.policies().violations(job);
            if (!refused.isEmpty()) {
                throw ProblemException.invalid(refused);
            }
        }).chain(() -> schedules.save(id, saved)).chain(() -> schedules.find(id));
    }
}
