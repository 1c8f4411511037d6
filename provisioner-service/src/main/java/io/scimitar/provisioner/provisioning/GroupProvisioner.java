package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.provisioner.deletions.DeletionGuard;
import io.scimitar.provisioner.configuration.ConnectorProfile;
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
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.matching.MatchResult;
import io.scimitar.provisioner.matching.TargetMatcher;
import io.scimitar.provisioner.membership.LostMembers;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.ratelimit.Reservation;
import io.scimitar.provisioner.ratelimit.Slot;
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

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a group event to a job's target: groups are matched by their matching attribute (displayName); created and
 * deleted only where the connector profile allows it (never in Miro, whose teams must already exist).
 */
@ApplicationScoped
public class GroupProvisioner {

    /** How soon a change put off for the rate limit is looked at again. */
    static final Duration RATE_LIMIT_RECHECK = Duration.ofSeconds(1);

    private static final String TYPE = "Group";

    private final DeletionGuard deletions;
    private final ScopeEvaluator scope;
    private final TargetMatcher matcher;
    private final LinkRepository links;
    private final MembershipRepository memberships;
    private final MembershipSynchronizer membershipSync;
    private final LostMembers lostMembers;
    private final ScimResourceWriter resources;
    private final ScimPatchWriter patches;

    public GroupProvisioner(ScopeEvaluator scope, TargetMatcher matcher, LinkRepository links,
            MembershipRepository memberships, MembershipSynchronizer membershipSync, ObjectMapper json,
            DeletionGuard deletions, LostMembers lostMembers) {
        this.deletions = deletions;
        this.lostMembers = lostMembers;
        this.scope = scope;
        this.matcher = matcher;
        this.links = links;
        this.memberships = memberships;
        this.membershipSync = membershipSync;
        this.resources = new ScimResourceWriter(json);
        this.patches = new ScimPatchWriter(json);
    }

    public Uni<ChangeOutcome> apply(JobContext context, GroupAssignmentEvent event) {
        return links.find(context.job().id(), ObjectType.GROUP, event.objectId()).chain(link -> {
            if (link.isPresent() && link.get().alreadyApplied(event.objectVersion())) {
                return Uni.createFrom().item(ChangeOutcome.stale());
            }
            return evaluate(context, event, link);
        });
    }

    private Uni<ChangeOutcome> evaluate(JobContext context, GroupAssignmentEvent event, Optional<ObjectLink> link) {
        JobDefinition job = context.job();
        ChangeTrace trace = new ChangeTrace(job.id(), context.cycleId(), TYPE, event)
                .sourceDisplay(event.group().displayName());
        trace.step(StepType.IMPORT, "EntryImportAdd", ProvisioningStatus.SUCCESS,
                "Received group '" + event.group().displayName() + "' (version " + event.objectVersion() + ", "
                        + event.cause() + ")", Map.of("assigned", event.assigned(), "softDeleted",
                        event.softDeleted()));
        ScopeResult inScope = scope.group(job, event);
        trace.step(StepType.SCOPING, "EntrySynchronizationScoping",
                inScope.shouldBeActive() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.SKIPPED, inScope.reason());
        boolean provisioned = link.isPresent() && link.get().targetId() != null
                && link.get().state() == LinkState.ACTIVE;
        if (!inScope.shouldBeActive()) {
            return leaveScope(GroupRemoval.of(context, event, link), event, trace, inScope, provisioned);
        }
        MappingResult mapped;
        try {
            mapped = job.groupMappings().evaluate(SourceObjects.group(event, false), context.environment(), false);
        } catch (MappingEvaluationException e) {
            trace.failed("AttributeMappingFailed", e.getMessage());
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        GroupChange change = new GroupChange(context, event, link, trace, mapped);
        Optional<ObjectLink> usableLink = provisioned ? link : Optional.empty();
        // the index answers alone only where a create follows a miss; otherwise (Miro teams) a miss takes a query
        boolean mayQuery = !job.groups().create()
                || !matcher.answersLocally(job.id(), ObjectType.GROUP, mapped.matchingValues());
        if (usableLink.isEmpty() && context.defersForRateLimits() && mayQuery) {
            // finding the target group may need a GET /Groups, which Miro budgets at 5 per 30 s: its slot is taken
            // now, before the index lookup, or the group is tried again from escrow once a slot may be free, instead
            // of holding up the job's other changes until the budget has room
            Slot slot = context.scim().reserveQuery(ScimClient.GROUPS);
            if (slot instanceof Slot.Later later) {
                Duration wait = later.after().compareTo(RATE_LIMIT_RECHECK) > 0 ? later.after() : RATE_LIMIT_RECHECK;
                return Uni.createFrom().item(ChangeOutcome.deferred(Instant.now().plus(wait)));
            }
            Reservation reserved = ((Slot.Reserved) slot).reservation();
            return matcher.match(job.id(), context.scim().using(reserved), ObjectType.GROUP, usableLink,
                            mapped.matchingValues(), job.groups().create())
                    .onTermination().invoke(reserved::release)
                    .chain(match -> act(change, match));
        }
        return matcher.match(job.id(), context.scim(), ObjectType.GROUP, usableLink, mapped.matchingValues(),
                        job.groups().create())
                .chain(match -> act(change, match));
    }

    private Uni<ChangeOutcome> act(GroupChange change, MatchResult match) {
        JobDefinition job = change.context().job();
        GroupAssignmentEvent event = change.event();
        ChangeTrace trace = change.trace();
        if (match instanceof MatchResult.Linked linked) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    "Linked to target group " + linked.targetId());
            return update(change, linked.targetId(), change.link().map(ObjectLink::exported).orElse(Map.of()));
        }
        if (match instanceof MatchResult.Matched matched) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    "Matched target group " + matched.targetId() + " on " + matched.attribute() + " = '"
                            + matched.value() + "'");
            return update(change, matched.targetId(),
                    ScimResourceReader.values(matched.resource(), change.mapped().targets()));
        }
        if (match instanceof MatchResult.NotFound notFound) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    "No target group matches (" + notFound.tried() + ")");
            if (!job.groups().create()) {
                String reason = "The group '" + event.group().displayName() + "' does not exist in the target ("
                        + notFound.tried() + " found nothing), and groups are not created: "
                        + (job.profile() == ConnectorProfile.MIRO
                        ? "Miro cannot create teams through SCIM; create a team named exactly '"
                        + event.group().displayName() + "' in Miro, then restart or wait for the next change"
                        : "the Create action is turned off for groups");
                trace.step(StepType.EXPORT, "EntryExportAdd", ProvisioningStatus.FAILURE, reason);
                trace.failed("TargetGroupMissing", reason);
                return Uni.createFrom().item(ChangeOutcome.of(trace));
            }
            return create(change);
        }
        String reason = match instanceof MatchResult.Duplicate duplicate
                ? duplicate.count() + " target groups have " + duplicate.attribute() + " = '" + duplicate.value() + "'"
                : match instanceof MatchResult.Failed failed ? "The target could not be queried: " + failed.failure()
                : "The group has no value for any matching attribute";
        String code = match instanceof MatchResult.Duplicate ? "DuplicateTargetEntries"
                : match instanceof MatchResult.Failed failed ? failed.failure().errorCode() : "ImportSkipped";
        trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.FAILURE, reason);
        if (match instanceof MatchResult.NoMatchingValue) {
            trace.skipped(code, reason);
        } else if (match instanceof MatchResult.Failed failed) {
            trace.failed(failed.failure());
        } else {
            trace.failed(code, reason);
        }
        return Uni.createFrom().item(ChangeOutcome.of(trace));
    }

    private Uni<ChangeOutcome> create(GroupChange change) {
        JobContext context = change.context();
        GroupAssignmentEvent event = change.event();
        ChangeTrace trace = change.trace();
        MappingResult created;
        try {
            created = context.job().groupMappings().evaluate(SourceObjects.group(event, false), context.environment(),
                    true);
        } catch (MappingEvaluationException e) {
            trace.failed("AttributeMappingFailed", e.getMessage());
            return Uni.createFrom().item(ChangeOutcome.of(trace));
        }
        return membershipSync.membersToCreateWith(context, event.objectId()).chain(members -> context.scim()
                .create(ScimClient.GROUPS, resources.group(created.values(), members.values()))
                .chain(result -> refusedWithMembers(members, result)
                        ? createWithoutMembers(change, created, members.size(), result)
                        : answeredCreate(change, created, members, result)));
    }

    /**
     * Whether the target refused a create that carried members for what the request is (a member it does not know, a
     * target that takes no members in a create), rather than for the group itself being there already.
     */
    private static boolean refusedWithMembers(Map<String, String> members, ScimResult result) {
        return !members.isEmpty() && result instanceof ScimResult.Failure failure
                && (failure.kind() == ScimResult.FailureKind.PERMANENT
                || failure.kind() == ScimResult.FailureKind.NOT_FOUND)
                && !TargetMatcher.alreadyExists(result);
    }

    /**
     * The group is created again without members, as Entra creates it: a member the target refuses then fails alone
     * in its PATCH, instead of keeping the whole group out of the target.
     */
    private Uni<ChangeOutcome> createWithoutMembers(GroupChange change, MappingResult created, int members,
            ScimResult refused) {
        change.trace().step(StepType.EXPORT, "EntryExportAdd", ProvisioningStatus.WARNING, "The target refused the "
                + "group with its " + members + " member(s) (" + refused + "); it is created without them, and its "
                + "members follow by PATCH");
        return change.context().scim().create(ScimClient.GROUPS, resources.group(created.values(), List.of()))
                .chain(result -> answeredCreate(change, created, Map.of(), result));
    }

    /**
     * The answer to a group's create. The members the target's answer shows are noted as held (a target that ignores
     * members in a create gets them by PATCH once the group is linked, as does one that leaves them out of its
     * answer).
     */
    private Uni<ChangeOutcome> answeredCreate(GroupChange change, MappingResult created, Map<String, String> members,
            ScimResult result) {
        JobContext context = change.context();
        ChangeTrace trace = change.trace();
        if (TargetMatcher.alreadyExists(result)) {
            // created in the target after the job read it, or missed by a case-sensitive filter: found now
            return matcher.matchAfterRefusedCreate(context.job().id(), context.scim(), ObjectType.GROUP,
                            context.job().profile(), change.mapped().matchingValues())
                    .chain(match -> alreadyExists(change, created, result, match));
        }
        trace.action(ProvisioningAction.CREATE);
        created.loggableValues().forEach((attribute, value) -> trace.modified(attribute, null, value));
        if (result instanceof ScimResult.Success success && success.body().hasNonNull("id")) {
            String targetId = success.body().get("id").asText();
            Set<String> held = new HashSet<>();
            success.body().path("members").forEach(member -> held.add(member.path("value").asText()));
            List<String> createdWith = members.entrySet().stream().filter(member -> held.contains(member.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (!createdWith.isEmpty()) {
                trace.modified("members", null, "+" + createdWith.size() + " member(s)");
            }
            trace.targetId(targetId).step(StepType.EXPORT, "EntryExportAdd", ProvisioningStatus.SUCCESS,
                    "Created group " + targetId + (createdWith.isEmpty() ? ""
                            : " with " + createdWith.size() + " member(s)"));
            return membershipSync.createdWith(context, change.event().objectId(), createdWith)
                    .chain(() -> linked(change, targetId, created.values()));
        }
        return Uni.createFrom().item(ChangeOutcome.of(UserProvisioner.exportFailed(trace, "EntryExportAdd",
                result)));
    }

    /**
     * A create refused because the target already holds the group: linked to the one found again at once
     * ({@link TargetMatcher#matchAfterRefusedCreate}); otherwise the refused create is the failure, saying why.
     */
    private Uni<ChangeOutcome> alreadyExists(GroupChange change, MappingResult created, ScimResult refused,
            MatchResult match) {
        ChangeTrace trace = change.trace();
        if (match instanceof MatchResult.Matched matched) {
            trace.step(StepType.MATCHING, "EntryMatching", ProvisioningStatus.SUCCESS,
                    RefusedCreate.matched("group", matched, change.mapped().matchingValues()));
            return update(change, matched.targetId(),
                    ScimResourceReader.values(matched.resource(), change.mapped().targets()));
        }
        trace.action(ProvisioningAction.CREATE);
        created.loggableValues().forEach((attribute, value) -> trace.modified(attribute, null, value));
        UserProvisioner.exportFailed(trace, "EntryExportAdd", refused)
                .reasonSuffix(RefusedCreate.notFound("group", match));
        return Uni.createFrom().item(ChangeOutcome.of(trace));
    }

    private Uni<ChangeOutcome> update(GroupChange change, String targetId, Map<String, Object> current) {
        JobContext context = change.context();
        Optional<ObjectLink> link = change.link();
        ChangeTrace trace = change.trace();
        MappingResult mapped = change.mapped();
        trace.targetId(targetId);
        EmptiedValues emptied = EmptiedValues.of(context.job().profile(), mapped, current);
        List<AttributeChange> changes = AttributeDiff.changes(mapped.values(), emptied.toClear(), current);
        Map<String, Object> exported = new LinkedHashMap<>(current);
        exported.putAll(mapped.values());
        boolean newlyLinked = link.isEmpty() || link.get().state() != LinkState.ACTIVE
                || !targetId.equals(link.get().targetId());
        if (changes.isEmpty() || !context.job().groups().update()) {
            if (changes.isEmpty() && emptied.keepsAny()) {
                emptied.explain(trace, "group");
            } else if (!newlyLinked) {
                trace.skipped("EntrySynchronizationSkipped", changes.isEmpty()
                        ? "The target group is already in sync" : "The Update action is turned off for groups");
            }
            return linked(change, targetId, exported);
        }
        emptied.toClear().forEach(exported::remove);
        if (emptied.keepsAny()) {
            trace.step(StepType.PROCESSING, "EntryExportKeepValue", ProvisioningStatus.SKIPPED,
                    emptied.description("group"));
        }
        trace.action(ProvisioningAction.UPDATE);
        changes.forEach(modified -> trace.modified(modified.path(), modified.oldValue(), modified.newValue()));
        return context.scim().patch(ScimClient.GROUPS, targetId, patches.attributes(context.dialect(), changes))
                .chain(result -> {
                    boolean gone = result instanceof ScimResult.Failure failure
                            && failure.kind() == ScimResult.FailureKind.NOT_FOUND;
                    if (gone && link.isPresent() && targetId.equals(link.get().targetId())) {
                        return targetGone(change, targetId);
                    }
                    if (!result.isSuccess()) {
                        return Uni.createFrom().item(ChangeOutcome.of(UserProvisioner.exportFailed(trace,
                                "EntryExportUpdate", result)));
                    }
                    trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                            "Updated group " + targetId + ": " + changes.size() + " attribute(s)");
                    return linked(change, targetId, exported);
                });
    }

    /**
     * The linked target group answered 404: it was deleted in the target (or the target lost its data). The link is
     * dropped, every membership marked as not in the target, and the group matched again in this same change: linked
     * to a group that matches, or created again where groups may be created; either way with its current members
     * (all of them wait for the group now), whose target users are read first where the group may be created again
     * (a target that lost its data lost them too: those gone are unlinked, not given to the group). Where groups are
     * not created (Miro teams) a missing group is {@code TargetGroupMissing}, as for any group not found.
     */
    private Uni<ChangeOutcome> targetGone(GroupChange change, String targetId) {
        JobContext context = change.context();
        JobDefinition job = context.job();
        ChangeTrace trace = change.trace();
        trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.WARNING,
                "The linked target group " + targetId + " no longer exists (HTTP 404): it was deleted in the target "
                        + "or the target lost its data, so the link is dropped and the group is matched again now"
                        + (job.groups().create() ? " and created again with its current members if nothing matches"
                        : ""));
        trace.targetId(null).restartExport();
        return memberships.resetGroup(job.id(), change.event().objectId())
                .chain(() -> job.groups().create() ? lostMembers.unlinkGone(context, change.event().objectId(), trace)
                        : Uni.createFrom().voidItem())
                .chain(() -> matcher.matchAgain(job.id(), context.scim(), ObjectType.GROUP, targetId,
                        change.mapped().matchingValues(), job.groups().create()))
                .chain(match -> act(change.unlinked(), match));
    }

    /**
     * Records the link and brings the target group's members to what the membership rule asks (the group newly
     * linked or re-created holds none of them yet; a renamed one needs nothing).
     */
    private Uni<ChangeOutcome> linked(GroupChange change, String targetId, Map<String, Object> exported) {
        JobContext context = change.context();
        GroupAssignmentEvent event = change.event();
        ChangeTrace trace = change.trace();
        ObjectLink link = new ObjectLink(context.job().id(), ObjectType.GROUP, event.objectId(), targetId,
                LinkState.ACTIVE, exported, event.objectVersion(), event.group().displayName(),
                ScopeEvaluator.countedBySource(context.job(), event));
        return links.save(link)
                .chain(() -> membershipSync.reconcile(context, link, trace))
                .replaceWith(ChangeOutcome.of(trace));
    }

    private Uni<ChangeOutcome> leaveScope(GroupRemoval removal, GroupAssignmentEvent event, ChangeTrace trace,
            ScopeResult inScope, boolean provisioned) {
        JobContext context = removal.context();
        JobDefinition job = context.job();
        Optional<ObjectLink> link = removal.link();
        if (!provisioned) {
            trace.skipped("EntrySynchronizationSkipped", inScope.reason() + "; the group is not provisioned");
            return record(removal, trace, link.map(ObjectLink::targetId).orElse(null),
                    link.map(ObjectLink::state).orElse(LinkState.NOT_PROVISIONED));
        }
        String targetId = link.get().targetId();
        trace.targetId(targetId);
        if (!job.groups().delete() || (!inScope.inScope() && job.skipOutOfScopeDeletions())) {
            trace.skipped("EntrySynchronizationSkipped", inScope.reason() + "; the target group is left as it is"
                    + (job.groups().delete() ? " (SkipOutOfScopeDeletions)" : " (the Delete action is off for groups)")
                    + " and no longer managed");
            return memberships.resetGroup(job.id(), event.objectId())
                    .chain(() -> record(removal, trace, targetId, LinkState.DISABLED));
        }
        trace.action(ProvisioningAction.DELETE);
        return deletions.guard(context, event, trace, "delete of group " + targetId, () -> context.scim()
                .delete(ScimClient.GROUPS, targetId).chain(result -> deleted(removal, trace, targetId, result)));
    }

    /** Applies a hard deletion of a group: DELETE when the Delete action is on, otherwise nothing. */
    public Uni<ChangeOutcome> delete(JobContext context, GroupDeletedEvent event) {
        JobDefinition job = context.job();
        return links.find(job.id(), ObjectType.GROUP, event.objectId()).chain(link -> {
            if (link.isPresent() && link.get().alreadyApplied(event.objectVersion())) {
                return Uni.createFrom().item(ChangeOutcome.stale());
            }
            ChangeTrace trace = new ChangeTrace(job.id(), context.cycleId(), TYPE, event)
                    .sourceDisplay(event.displayName());
            trace.step(StepType.IMPORT, "EntryImportDelete", ProvisioningStatus.SUCCESS,
                    "The group was hard-deleted from the directory");
            Uni<Void> forget = memberships.forgetGroup(job.id(), event.objectId());
            GroupRemoval removal = new GroupRemoval(context, event.objectId(), event.objectVersion(),
                    event.displayName(), link, false);
            boolean provisioned = link.isPresent() && link.get().targetId() != null
                    && link.get().state() == LinkState.ACTIVE;
            if (!provisioned || !job.groups().delete()) {
                trace.skipped("EntrySynchronizationSkipped", provisioned ? "The Delete action is off for groups"
                        : "The group is not provisioned");
                return forget.chain(() -> saveDeleted(removal, link.map(ObjectLink::targetId).orElse(null),
                        provisioned ? LinkState.DISABLED : LinkState.NOT_PROVISIONED)).replaceWith(
                        ChangeOutcome.of(trace));
            }
            String targetId = link.get().targetId();
            trace.targetId(targetId).action(ProvisioningAction.DELETE);
            return deletions.guard(context, event, trace, "delete of group " + targetId, () -> context.scim()
                    .delete(ScimClient.GROUPS, targetId)
                    .chain(result -> forget.chain(() -> deleted(removal, trace, targetId, result))));
        });
    }

    private Uni<ChangeOutcome> deleted(GroupRemoval removal, ChangeTrace trace, String targetId, ScimResult result) {
        boolean gone = result.isSuccess() || (result instanceof ScimResult.Failure failure
                && failure.kind() == ScimResult.FailureKind.NOT_FOUND);
        if (!gone) {
            return Uni.createFrom().item(ChangeOutcome.of(UserProvisioner.exportFailed(trace, "EntryExportDelete",
                    result)));
        }
        trace.step(StepType.EXPORT, "EntryExportDelete", ProvisioningStatus.SUCCESS, "Deleted group " + targetId);
        return memberships.resetGroup(removal.context().job().id(), removal.groupId())
                .chain(() -> saveDeleted(removal, targetId, LinkState.DELETED))
                .replaceWith(ChangeOutcome.of(trace));
    }

    private Uni<Void> saveDeleted(GroupRemoval removal, String targetId, LinkState state) {
        return links.save(new ObjectLink(removal.context().job().id(), ObjectType.GROUP, removal.groupId(), targetId,
                state, removal.link().map(ObjectLink::exported).orElse(Map.of()), removal.version(),
                removal.displayName(), removal.inSourceScope()));
    }

    private Uni<ChangeOutcome> record(GroupRemoval removal, ChangeTrace trace, String targetId, LinkState state) {
        return saveDeleted(removal, targetId, state).replaceWith(ChangeOutcome.of(trace));
    }

    /** A group change past its mapping: what each step after matching works on. */
    private record GroupChange(JobContext context, GroupAssignmentEvent event, Optional<ObjectLink> link,
            ChangeTrace trace, MappingResult mapped) {

        /** The same change once its linked target group is known to be gone. */
        GroupChange unlinked() {
            return new GroupChange(context, event, Optional.empty(), trace, mapped);
        }
    }

    /**
     * A group leaving the target (out of scope or hard-deleted): what its link is stored from, and whether the source
     * still counts it in scope (assigned but filtered out, say).
     */
    private record GroupRemoval(JobContext context, String groupId, long version, String displayName,
            Optional<ObjectLink> link, boolean inSourceScope) {

        static GroupRemoval of(JobContext context, GroupAssignmentEvent event, Optional<ObjectLink> link) {
            return new GroupRemoval(context, event.objectId(), event.objectVersion(), event.group().displayName(),
                    link, ScopeEvaluator.countedBySource(context.job(), event));
        }
    }
}
