package io.scimitar.provisioner.deletions;

import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.error.QueryNumbers;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.DeletionQuarantine;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Multi;
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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The disables and deletes the deletion guard keeps for a job (who, what, why, in which state), and the
 * administrator's decisions: allow (send them), reject (never send them; the job stays quarantined until the cause
 * is fixed or the rejection cleared), clear.
 */
@Path("/api/v1/jobs/{id}/staged-deletions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class StagedDeletionResource {

    static final int MAX_LISTED = 1000;
    private static final Logger LOG = Logger.getLogger(StagedDeletionResource.class);

    private final JobLookup jobs;
    private final DeletionGuardRepository guard;
    private final DeletionQuarantine quarantine;
    private final ProvisioningLogRepository log;

    public StagedDeletionResource(JobLookup jobs, DeletionGuardRepository guard, DeletionQuarantine quarantine,
            ProvisioningLogRepository log) {
        this.jobs = jobs;
        this.guard = guard;
        this.quarantine = quarantine;
        this.log = log;
    }

    /**
     * One disable or delete the guard keeps.
     *
     * @param state  {@code HELD} (the guard tripped), {@code SETTLING} (waiting for its burst to be counted),
     *               {@code REJECTED} (an administrator rejected it), {@code RELEASED} (allowed or let out, going out)
     * @param action {@code DISABLE} or {@code DELETE}
     * @param cause  {@code UNASSIGNED}, {@code OUT_OF_SCOPE}, {@code DISABLED_AT_SOURCE}, {@code SOFT_DELETED},
     *               {@code DELETED_AT_SOURCE}
     */
    public record StagedDeletion(String objectType, String objectId, String userPrincipalName, String displayName,
            String action, String cause, String state, String targetId, long objectVersion, Instant since) {
    }

    /** What "allow" did. */
    public record Allowed(int released) {
    }

    /** What "reject" did. */
    public record Rejected(int rejected) {
    }

    /** What "clear" did. */
    public record Cleared(int cleared) {
    }

    @GET
    @Operation(summary = "Lists the disables and deletes the deletion guard keeps: held first, then settling, "
            + "rejected, and released ones still going out (at most 1000), with who, what and why")
    @RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
    public Uni<List<StagedDeletion>> list(@RestPath UUID id, @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        Long parsed = QueryNumbers.parse("limit", limit, 1, MAX_LISTED, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        int max = parsed == null ? MAX_LISTED : parsed.intValue();
        return jobs.requireExists(id).chain(() -> guard.list(id, max)).map(entries -> entries.stream()
                .map(StagedDeletionResource::view).toList());
    }

    @POST
    @Path("allow")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Allows the held disables and deletes (Entra's 'Allow deletes'): they go out at the job's "
            + "next escrow check; the TooManyDeletes quarantine ends unless rejected ones remain. 409 when nothing "
            + "is held")
    public Uni<Allowed> allow(@RestPath UUID id) {
        return jobs.requireExists(id)
                .chain(() -> guard.allow(id))
                .call(decision -> decision.episodeEnded() ? quarantine.leave(id)
                        : Uni.createFrom().voidItem())
                .map(decision -> {
                    if (decision.deletions().isEmpty()) {
                        throw ProblemException.conflict("The deletion guard holds no disable or delete for this job");
                    }
                    LOG.infof("Job %s: an administrator allowed %d held disables and deletes", id,
                            decision.deletions().size());
                    return new Allowed(decision.deletions().size());
                });
    }

    @POST
    @Path("reject")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rejects the held disables and deletes: none is sent, each is logged as rejected, and the "
            + "job stays quarantined (TooManyDeletes; its other changes go on, later deletions are held) until the "
            + "cause is fixed in the directory or the rejection is cleared. 409 when nothing is held")
    public Uni<Rejected> reject(@RestPath UUID id) {
        return jobs.definition(id).chain(job -> guard.reject(id).chain(decision -> {
            if (decision.deletions().isEmpty()) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "The deletion guard holds no disable or delete for this job"));
            }
            UUID decisionId = UUID.randomUUID();
            int count = decision.deletions().size();
            LOG.infof("Job %s: an administrator rejected %d held disables and deletes", id, count);
            return Multi.createFrom().iterable(decision.deletions()).onItem()
                    .transformToUniAndConcatenate(deletion -> log.insert(rejectedEntry(id, decisionId, deletion)))
                    .collect().last()
                    .chain(() -> quarantine.enter(job, count + " disables and "
                            + "deletes were rejected by an administrator and not sent. The job stays quarantined "
                            + "(later disables and deletes are held) until the cause is fixed in the directory, "
                            + "or POST /api/v1/jobs/" + id + "/staged-deletions/clear"))
                    .replaceWith(new Rejected(count));
        }));
    }

    @POST
    @Path("clear")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Forgets the rejected disables and deletes and ends the TooManyDeletes quarantine; a later "
            + "change of those objects is decided again. 409 while some are still held (allow or reject them "
            + "first) or when none was rejected")
    public Uni<Cleared> clear(@RestPath UUID id) {
        return jobs.requireExists(id)
                .chain(() -> guard.state(id, java.time.Duration.ofMinutes(1)))
                .chain(state -> {
                    if (state.held() > 0) {
                        return Uni.createFrom().failure(ProblemException.conflict(state.held() + " disables and "
                                + "deletes are still held: allow or reject them first"));
                    }
                    if (state.rejected() == 0) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "No rejected disable or delete to clear for this job"));
                    }
                    return guard.clear(id);
                })
                .call(decision -> decision.episodeEnded() ? quarantine.leave(id)
                        : Uni.createFrom().voidItem())
                .map(decision -> new Cleared(decision.deletions().size()));
    }

    private static io.scimitar.provisioner.pipeline.ProvisioningLogEntry rejectedEntry(UUID job, UUID decisionId,
            HeldDeletion deletion) {
        ChangeTrace trace = new ChangeTrace(job, decisionId, deletion.objectType(),
                AssignmentEventCodec.decode(deletion.event().getBytes(StandardCharsets.UTF_8)))
                .sourceDisplay(deletion.userPrincipalName() != null ? deletion.userPrincipalName()
                        : deletion.displayName())
                .targetId(deletion.targetId())
                .action(ProvisioningAction.STAGED_DELETE);
        return trace.skipped("DeletionRejected", "An administrator rejected the held "
                + deletion.action().toLowerCase(java.util.Locale.ROOT) + " (" + deletion.cause() + "): it is not "
                + "sent, and the account stays as it is in the target").toEntry();
    }

    private static StagedDeletion view(HeldDeletion deletion) {
        return new StagedDeletion(deletion.objectType(), deletion.objectId(), deletion.userPrincipalName(),
                deletion.displayName(), deletion.action(), deletion.cause(), deletion.state(), deletion.targetId(),
                deletion.objectVersion(), deletion.since());
    }
}
