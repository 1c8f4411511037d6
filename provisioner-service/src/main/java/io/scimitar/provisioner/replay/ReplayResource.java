package io.scimitar.provisioner.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.provisioner.pipeline.JobProposal;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Restart and replay, dry runs and provision on demand. */
@Path("/api/v1/jobs/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class ReplayResource {

    private final JobLookup jobs;
    private final JobRestarter restarter;
    private final DryRunPlanner planner;
    private final OnDemandProvisioner onDemand;
    private final ObjectMapper json;

    public ReplayResource(JobLookup jobs, JobRestarter restarter, DryRunPlanner planner, OnDemandProvisioner onDemand,
            ObjectMapper json) {
        this.json = json;
        this.jobs = jobs;
        this.restarter = restarter;
        this.planner = planner;
        this.onDemand = onDemand;
    }

    /** Where to replay from; {@code full} also forgets the links; {@code forceDeletes} sends the held deletions. */
    public record RestartBody(Instant from, Boolean full, Boolean forceDeletes) {
    }

    /**
     * What a dry run evaluates: proposed settings in place of the stored ones (each optional, none saved) and
     * {@code full} to list every object in scope, not only those with changes.
     */
    public record DryRunBody(ObjectTypeSettings users, ObjectTypeSettings groups, ProvisioningScope scope,
            Boolean skipOutOfScopeDeletions, Boolean full) {
    }

    /** Which object to provision now: exactly one of the two. */
    public record OnDemandBody(String userId, String groupId) {
    }

    @POST
    @Path("restart")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replays the history (from the beginning, or from a time) and converges the target; "
            + "clears escrowed retries and quarantine; full=true also forgets every link and matches each object "
            + "again; forceDeletes=true sends the disables and deletes held by the deletion guard instead of "
            + "dropping them")
    public Uni<RestartBody> restart(@RestPath UUID id, RestartBody body) {
        RestartRequest request = new RestartRequest(body == null ? null : body.from(),
                body != null && Boolean.TRUE.equals(body.full()),
                body != null && Boolean.TRUE.equals(body.forceDeletes()));
        return jobs.definition(id).chain(job -> restarter.restart(job, request))
                .replaceWith(new RestartBody(request.from(), request.full(), request.forceDeletes()));
    }

    @POST
    @Path("dry-run")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "What replaying the history with this job's configuration, or with the proposed users, "
            + "groups, scope and skipOutOfScopeDeletions of the body (not saved), would create, update, disable and "
            + "delete, with the values old and new, without calling the target; full=true (query or body) also lists "
            + "every object in scope that is already in sync")
    public Uni<DryRunReport> dryRun(@RestPath UUID id, @QueryParam("from") String from,
            @QueryParam("full") String full, String text) throws JsonProcessingException {
        DryRunBody body = dryRunBody(text);
        Instant since;
        try {
            since = from == null || from.isBlank() ? null : Instant.parse(from.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(List.of(new FieldError("from",
                    "must be an ISO-8601 instant such as 2026-11-28T10:00:00Z", null)));
        }
        boolean everything = Boolean.TRUE.equals(body == null ? null : body.full()) || flag("full", full);
        JobProposal proposal = body == null ? new JobProposal(null, null, null, null)
                : new JobProposal(body.users(), body.groups(), body.scope(), body.skipOutOfScopeDeletions());
        return (proposal.isEmpty() ? jobs.definition(id) : jobs.proposed(id, proposal))
                .chain(job -> planner.plan(job, since, everything));
    }

    /**
     * The optional body: none (whatever the Content-Type), or JSON read by the service's one strict mapper, whose
     * errors the exception mappers answer as 400 problems naming the field, as for every other body.
     */
    private DryRunBody dryRunBody(String text) throws JsonProcessingException {
        return text == null || text.isBlank() ? null : json.readValue(text, DryRunBody.class);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.invalid(List.of(new FieldError(name, "must be true or false", null)));
        }
        return value.equals("true");
    }

    @POST
    @Path("provision-on-demand")
    @Operation(summary = "Provisions one user, or one group with its members, now; answers the steps taken: for a "
            + "user its log entries (a user out of scope answers a skipped entry saying why), for a group "
            + "{entries, membersAdded, membersRemoved}")
    public Uni<Object> provisionOnDemand(@RestPath UUID id, OnDemandBody body) {
        boolean user = body != null && body.userId() != null && !body.userId().isBlank();
        boolean group = body != null && body.groupId() != null && !body.groupId().isBlank();
        if (user == group) {
            throw ProblemException.invalid(List.of(new FieldError(user ? "groupId" : "userId",
                    "give exactly one of userId and groupId", null)));
        }
        return jobs.definition(id)
                .chain(job -> user ? onDemand.user(job, body.userId()).map(Object.class::cast)
                        : onDemand.group(job, body.groupId()).map(Object.class::cast));
    }
}
