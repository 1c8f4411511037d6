package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.deletions.DeletionGuard;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep.StepType;
import io.scimitar.provisioner.matching.MatchResult;
import io.scimitar.provisioner.matching.TargetMatcher;
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.mapping.MappingEvaluationException;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.scim.AttributeChange;
import io.scimitar.provisioner.scim.AttributeDiff;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimPatchWriter;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.scim.ScimResourceWriter;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import io.scimitar.provisioner.scope.ScopeResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies a user event to a job's target: scope, map, match, then create, update, disable or delete. */
@ApplicationScoped
public class UserProvisioner {

    private static final String TYPE = "User";

    private final ScopeEvaluator scope;
    private final TargetMatcher matcher;
    private final LinkRepository links;
    private final MembershipRepository memberships;
    private final ScimResourceWriter resources;
    private final ScimPatchWriter patches;
    private final DeletionGuard deletions;

    public UserProvisioner(ScopeEvaluator scope, TargetMatcher matcher, LinkRepository links,
            MembershipRepository memberships, ObjectMapper json, DeletionGuard deletions) {
        this.deletions = deletions;
        this.scope = scope;
        this.matcher = matcher;
        this.links = links;
        this.memberships = memberships;
        this.resources = new ScimResourceWriter(json);
        this.patches = new ScimPatchWriter(json);
    }

    public Uni<ChangeOutcome> apply(JobContext context, UserAssignmentEvent event) {
        return link(context, event.objectId()).chain(link -> {
            if (link.isPresent() && link.get().alreadyApplied(event.objectVersion())) {
                return Uni.createFrom().item(ChangeOutcome.stale());
            }
            return evaluate(context, event, link);
        });
    }

    /**
     * The user's link as the job's changes left it: as the poll knows it (written earlier in it, two events of one
     * user, or read with the poll's other users), else read now.
     */
    private Uni<Optional<ObjectLink>> link(JobContext context, String userId) {
        Optional<ObjectLink> known = context.writes() == null ? null : context.writes().link(ObjectType.USER, userId);
        return known != null ? Uni.createFrom().item(known) : links.find(context.job().id(), ObjectType.USER, userId);
    }

    private Uni<ChangeOutcome> evaluate(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link) {
        JobDefinition job = context.job();
        ChangeTrace trace = new ChangeTrace(job.id(), context.cycleId(), TYPE, event)
                .sourceDisplay(event.user().userPrincipalName());
        trace.step(StepType.IMPORT, "EntryImportAdd", ProvisioningStatus.SUCCESS,
                "Received user '" + event.user().userPrincipalName() + "' (version " + event.objectVersion() + ", "
                        + event.cause() + ")",
                Map.of("assigned", event.assigned(), "accountEnabled", event.user().accountEnabled(),
                        "softDeleted", event.softDeleted(), "roles", event.roles().size()));
        ScopeResult inScope = scope.user(job, event);
        trace.step(StepType.SCOPING, "EntrySynchronizationScoping",
                inScope.shouldBeActive() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.SKIPPED, inScope.reason());

        boolean provisioned = link.isPresent() && link.get().targetId() != null
                && link.get().state() != LinkState.DELETED;
        if (!inScope.shouldBeActive()) {
            if (!provisioned) {
                trace.skipped("EntrySynchronizationSkipped", inScope.reason()
                        + "; the user has not been provisioned, so there is nothing to do");
                return record(context, event, link, trace, null, LinkState.NOT_PROVISIONED, null);
            }
            if (!inScope.inScope() && job.skipOutOfScopeDeletions()) {
                trace.skipped("EntrySynchronizationSkipped", inScope.reason()
                        + "; SkipOutOfScopeDeletions is set, so the account is left as it is");
                return record(context, event, link, trace, link.get().targetId(), link.get().state(),
                        link.get().exported());
            }
            if (link.get().state() == LinkState.DISABLED) {
                trace.targetId(link.get().targetId()).skipped("EntrySynchronizationSkipped",
                        inScope.reason() + "; the account is already disabled in the target");
                return record(context, event, link, trace, link.get().targetId(), LinkState.DISABLED,
                        link.get().exported());
            }
        }

        SourceObject source = SourceObjects.user(event, !inScope.shouldBeActive());
        MappingResult mapped;
        try {
            mapped = job.userMappings().evaluate(source, context.environment(), false);
        } catch (MappingEvaluationException e) {
            trace.step(StepType.PROCESSING, "EntryMapping", ProvisioningStatus.FAILURE, e.getMessage());
            trace.failed("AttributeMappingFailed", e.getMessage());
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        return matcher.match(job.id(), context.scim(), ObjectType.USER, link, mapped.matchingValues(),
                        inScope.shouldBeActive() && job.users().create())
                .chain(match -> act(context, event, link, trace, inScope, source, mapped, match));
    }

    private Uni<ChangeOutcome> act(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, ScopeResult inScope, SourceObject source, MappingResult mapped, MatchResult match) {
        JobDefinition job = context.job();
        if (match instanceof MatchResult.NoMatchingValue) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SKIPPED,
                    "The user has no value for any matching attribute");
            trace.skipped("ImportSkipped", "The user has no value for any matching attribute");
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        if (match instanceof MatchResult.Duplicate duplicate) {
            String reason = duplicate.count() + " target users have " + duplicate.attribute() + " = '"
                    + duplicate.value() + "'; one was expected";
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.FAILURE, reason);
            trace.failed("DuplicateTargetEntries", reason);
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        if (match instanceof MatchResult.Failed failed) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.FAILURE,
                    "The target could not be queried: " + failed.failure());
            trace.failed(failed.failure());
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        if (match instanceof MatchResult.NotFound notFound) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    "No target user matches (" + notFound.tried() + ")");
            if (!inScope.shouldBeActive()) {
                trace.skipped("EntrySynchronizationSkipped", inScope.reason()
                        + "; the user does not exist in the target, so there is nothing to disable");
                return record(context, event, link, trace, null, LinkState.NOT_PROVISIONED, null);
            }
            if (!job.users().create()) {
                trace.skipped("EntrySynchronizationSkipped", "The Create action is turned off for users");
                return Uni.createFrom().item(ChangeOutcome.of(trace));
            }
            return create(context, event, link, trace, inScope, source, mapped);
        }
        if (match instanceof MatchResult.Linked linked) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    "Linked to target user " + linked.targetId());
            return update(context, event, link, trace, inScope, source, mapped, linked.targetId(),
                    link.map(ObjectLink::exported).orElse(Map.of()));
        }
        MatchResult.Matched matched = (MatchResult.Matched) match;
        trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                "Matched target user " + matched.targetId() + " on " + matched.attribute() + " = '"
                        + matched.value() + "'");
        Map<String, Object> current = ScimResourceReader.values(matched.resource(), mapped.targets());
        return update(context, event, link, trace, inScope, source, mapped, matched.targetId(), current);
    }

    private Uni<ChangeOutcome> create(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, ScopeResult inScope, SourceObject source, MappingResult mapped) {
        MappingResult created;
        try {
            created = context.job().userMappings().evaluate(source, context.environment(), true);
        } catch (MappingEvaluationException e) {
            trace.failed("AttributeMappingFailed", e.getMessage());
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        return context.scim().create(ScimClient.USERS, resources.user(created.values())).chain(result -> {
            if (TargetMatcher.alreadyExists(result)) {
                // created in the target after the job read it, or missed by a case-sensitive filter: found now
                return matcher.matchAfterRefusedCreate(context.job().id(), context.scim(), ObjectType.USER,
                                context.job().profile(), mapped.matchingValues())
                        .chain(match -> alreadyExists(context, event, link, trace, inScope, source, mapped, created,
                                result, match));
            }
            trace.action(ProvisioningAction.CREATE);
            created.loggableValues().forEach((attribute, value) -> trace.modified(attribute, null, value));
            if (result instanceof ScimResult.Success success && success.body().hasNonNull("id")) {
                String targetId = success.body().get("id").asText();
                trace.targetId(targetId).step(StepType.EXPORT, "EntryExportAdd", ProvisioningStatus.SUCCESS,
                        "Created user " + targetId + " (HTTP " + success.status() + ")");
                return record(context, event, link, trace, targetId, LinkState.ACTIVE, created.values());
            }
            return Uni.createFrom().item(ChangeOutcome.of(exportFailed(trace, "EntryExportAdd", result)));
        });
    }

    /**
     * A create refused because the target already holds the user: linked to the user found again at once (a filter
     * query, else compared case-insensitively: {@link TargetMatcher#matchAfterRefusedCreate}), as a match, and
     * updated as any match is; when nothing single is found, the refused create is the failure, saying why.
     */
    private Uni<ChangeOutcome> alreadyExists(JobContext context, UserAssignmentEvent event,
            Optional<ObjectLink> link, ChangeTrace trace, ScopeResult inScope, SourceObject source,
            MappingResult mapped, MappingResult created, ScimResult refused, MatchResult match) {
        if (match instanceof MatchResult.Matched matched) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    RefusedCreate.matched("user", matched, mapped.matchingValues()));
            Map<String, Object> current = ScimResourceReader.values(matched.resource(), mapped.targets());
            return update(context, event, link, trace, inScope, source, mapped, matched.targetId(), current);
        }
        trace.action(ProvisioningAction.CREATE);
        created.loggableValues().forEach((attribute, value) -> trace.modified(attribute, null, value));
        exportFailed(trace, "EntryExportAdd", refused).reasonSuffix(RefusedCreate.notFound("user", match));
        return Uni.createFrom().item(ChangeOutcome.of(trace));
    }

    private Uni<ChangeOutcome> update(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, ScopeResult inScope, SourceObject source, MappingResult mapped, String targetId,
            Map<String, Object> current) {
        trace.targetId(targetId);
        LinkState state = inScope.shouldBeActive() ? LinkState.ACTIVE : LinkState.DISABLED;
        EmptiedValues emptied = EmptiedValues.of(context.job().profile(), mapped, current);
        List<AttributeChange> changes = AttributeDiff.changes(mapped.values(), emptied.toClear(), current);
        Map<String, Object> exported = new LinkedHashMap<>(current);
        exported.putAll(mapped.values());
        emptied.toClear().forEach(exported::remove);
        if (changes.isEmpty()) {
            if (emptied.keepsAny()) {
                emptied.explain(trace, "user");
            } else {
                trace.skipped("EntrySynchronizationSkipped", "The target user is already in sync");
            }
            return record(context, event, link, trace, targetId, state, exported);
        }
        if (emptied.keepsAny()) {
            trace.step(StepType.PROCESSING, "EntryExportKeepValue", ProvisioningStatus.SKIPPED,
                    emptied.description("user"));
        }
        if (!context.job().users().update()) {
            trace.skipped("EntrySynchronizationSkipped", "The Update action is turned off for users");
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        boolean disables = AttributeDiff.deactivates(changes);
        trace.action(disables ? ProvisioningAction.DISABLE : ProvisioningAction.UPDATE);
        Map<String, Object> loggable = mapped.loggableValues();
        changes.forEach(change -> trace.modified(change.path(), mapped.redactedTargets().contains(change.path())
                        ? ExpressionResult.REDACTED_TEXT : change.oldValue(), loggable.get(change.path())));
        UserChange change = new UserChange(context, event, link, trace, inScope, source, mapped);
        if (disables) {
            TargetPatch disable = new TargetPatch(targetId, changes, state, exported, true);
            return deletions.guard(context, change.event(), trace, "disable of user " + targetId,
                    () -> patch(change, disable));
        }
        return patch(change, new TargetPatch(targetId, changes, state, exported, false));
    }

    /**
     * A user change on its way: the job's context, the event, the object's link before it, the trace, and what
     * scoping and mapping made of the user (to match it again if its linked target user is gone).
     */
    private record UserChange(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, ScopeResult inScope, SourceObject source, MappingResult mapped) {

        /** Whether {@code targetId} is the one the stored link names (not one matched during this change). */
        boolean linkedTo(String targetId) {
            return link.isPresent() && targetId.equals(link.get().targetId());
        }
    }

    /** A PATCH of a linked target user, and the link it leaves (state, exported values) on success. */
    private record TargetPatch(String targetId, List<AttributeChange> changes, LinkState state,
            Map<String, Object> exported, boolean disables) {
    }

    private Uni<ChangeOutcome> patch(UserChange change, TargetPatch patch) {
        JobContext context = change.context();
        ChangeTrace trace = change.trace();
        String targetId = patch.targetId();
        return context.scim().patch(ScimClient.USERS, targetId, patches.attributes(context.dialect(), patch.changes()))
                .chain(result -> {
                    if (result.isSuccess()) {
                        trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                                (patch.disables() ? "Disabled" : "Updated") + " user " + targetId + ": "
                                        + patch.changes().size() + " attribute(s)");
                        return record(context, change.event(), change.link(), trace, targetId, patch.state(),
                                patch.exported());
                    }
                    if (result instanceof ScimResult.Failure failure
                            && failure.kind() == ScimResult.FailureKind.NOT_FOUND) {
                        if (change.linkedTo(targetId)) {
                            return targetGone(change, targetId);
                        }
                        trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.FAILURE,
                                "The target user " + targetId + " no longer exists");
                        trace.failed("InvalidAnchor", "The target user " + targetId + " matched during this change "
                                + "no longer exists; the user is matched again when the change is retried");
                        return record(context, change.event(), Optional.empty(), trace, null,
                                LinkState.NOT_PROVISIONED, null);
                    }
                    return Uni.createFrom().item(ChangeOutcome.of(exportFailed(trace, "EntryExportUpdate", result)));
                });
    }

    /**
     * The linked target user answered 404: it was deleted in the target (or the target lost its data). The link is
     * dropped and the user matched again and acted on in this same change: updated if another target user matches,
     * created again if none does and the user should be active, nothing to do (not a failure) if it should not; its
     * memberships are marked as not in the target, so its groups get it again once it is active.
     */
    private Uni<ChangeOutcome> targetGone(UserChange change, String targetId) {
        JobContext context = change.context();
        ChangeTrace trace = change.trace();
        JobDefinition job = context.job();
        trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.WARNING,
                "The linked target user " + targetId + " no longer exists (HTTP 404): it was deleted in the target "
                        + "or the target lost its data, so the link is dropped and the user is matched again now"
                        + (change.inScope().shouldBeActive() ? " and created again if nothing matches" : ""));
        trace.targetId(null).restartExport();
        boolean createFollows = change.inScope().shouldBeActive() && job.users().create();
        return memberships.resetMember(job.id(), change.event().objectId())
                .chain(() -> matcher.matchAgain(job.id(), context.scim(), ObjectType.USER, targetId,
                        change.mapped().matchingValues(), createFollows))
                .chain(match -> act(context, change.event(), Optional.empty(), trace, change.inScope(),
                        change.source(), change.mapped(), match));
    }

    /** Applies a hard deletion: DELETE when the Delete action is on, otherwise nothing. */
    public Uni<ChangeOutcome> delete(JobContext context, UserDeletedEvent event) {
        JobDefinition job = context.job();
        return link(context, event.objectId()).chain(link -> {
            if (link.isPresent() && link.get().alreadyApplied(event.objectVersion())) {
                return Uni.createFrom().item(ChangeOutcome.stale());
            }
            ChangeTrace trace = new ChangeTrace(job.id(), context.cycleId(), TYPE, event)
                    .sourceDisplay(event.userPrincipalName());
            trace.step(StepType.IMPORT, "EntryImportDelete", ProvisioningStatus.SUCCESS,
                    "The user was hard-deleted from the directory");
            Uni<Void> forgetMemberships = memberships.forgetMember(job.id(), event.objectId());
            if (link.isEmpty() || link.get().targetId() == null || link.get().state() == LinkState.DELETED) {
                trace.skipped("EntrySynchronizationSkipped", "The user was never provisioned to the target");
                return forgetMemberships.chain(() -> recordDeletion(context, event, link, trace, null, null));
            }
            String targetId = link.get().targetId();
            trace.targetId(targetId);
            if (!job.users().delete()) {
                trace.skipped("EntrySynchronizationSkipped", "The Delete action is turned off for users");
                return forgetMemberships.chain(() -> recordDeletion(context, event, link, trace, targetId,
                        link.get().state()));
            }
            trace.action(ProvisioningAction.DELETE);
            return deletions.guard(context, event, trace, "delete of user " + targetId, () -> context.scim()
                    .delete(ScimClient.USERS, targetId).chain(result -> {
                boolean gone = result.isSuccess() || (result instanceof ScimResult.Failure failure
                        && failure.kind() == ScimResult.FailureKind.NOT_FOUND);
                if (!gone) {
                    return Uni.createFrom().item(ChangeOutcome.of(exportFailed(trace, "EntryExportDelete", result)));
                }
                trace.step(StepType.EXPORT, "EntryExportDelete", ProvisioningStatus.SUCCESS,
                        result.isSuccess() ? "Deleted user " + targetId : "User " + targetId + " was already gone");
                return forgetMemberships.chain(() -> recordDeletion(context, event, link, trace, targetId,
                        LinkState.DELETED));
            }));
        });
    }

    private Uni<ChangeOutcome> recordDeletion(JobContext context, UserDeletedEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, String targetId, LinkState state) {
        ObjectLink updated = new ObjectLink(context.job().id(), ObjectType.USER, event.objectId(), targetId,
                state == null ? LinkState.DELETED : state, link.map(ObjectLink::exported).orElse(Map.of()),
                event.objectVersion(), event.userPrincipalName(), false);
        return Uni.createFrom().item(ChangeOutcome.of(trace).storing(updated));
    }

    private Uni<ChangeOutcome> record(JobContext context, UserAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, String targetId, LinkState state, Map<String, Object> exported) {
        ObjectLink updated = new ObjectLink(context.job().id(), ObjectType.USER, event.objectId(), targetId, state,
                exported == null ? link.map(ObjectLink::exported).orElse(Map.of()) : exported,
                event.objectVersion(), event.user().userPrincipalName(),
                ScopeEvaluator.countedBySource(context.job(), event));
        return Uni.createFrom().item(ChangeOutcome.of(trace).storing(updated));
    }

    static ChangeTrace exportFailed(ChangeTrace trace, String step, ScimResult result) {
        ScimResult.Failure failure = (ScimResult.Failure) (result instanceof ScimResult.Failure f ? f
                : new ScimResult.Failure(result.status(), ScimResult.FailureKind.PERMANENT,
                        "SystemForCrossDomainIdentityManagementServiceIncompatible", null,
                        "The target answered " + result.status() + " without an id", null));
        trace.step(StepType.EXPORT, step, ProvisioningStatus.FAILURE, failure.toString());
        return trace.failed(failure);
    }
}
