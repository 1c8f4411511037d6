package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep.StepType;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.ratelimit.RequestClass;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimPatchWriter;
import io.scimitar.provisioner.scim.ScimResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps target groups' members in step with the source: member deltas and snapshots are recorded per job, and
 * members are added to the target group only once they are provisioned users, never dropped while they wait.
 * Idempotent: a member is added only while not yet exported, and removed only if it was.
 */
@ApplicationScoped
public class MembershipSynchronizer {

    /** Members per PATCH: well under Miro's 8,000 members and 800,000 bytes. */
    static final int MEMBERS_PER_PATCH = 1000;

    private final MembershipRepository memberships;
    private final LinkRepository links;
    private final ScimPatchWriter patches;
    private final Set<UUID> heldBack = ConcurrentHashMap.newKeySet();
    private final int concurrency;

    public MembershipSynchronizer(MembershipRepository memberships, LinkRepository links, ObjectMapper json,
            ConsumerSettings settings) {
        this.concurrency = settings.concurrency();
        this.memberships = memberships;
        this.links = links;
        this.patches = new ScimPatchWriter(json);
    }

    /** Records a membership delta or snapshot part and applies what it changes to the target group. */
    public Uni<ChangeOutcome> apply(JobContext context, GroupMembershipEvent event) {
        if (!context.job().groups().enabled()) {
            return Uni.createFrom().item(ChangeOutcome.stale());
        }
        return memberships.appliedVersion(context.job().id(), event.objectId()).chain(applied ->
                event.objectVersion() <= applied ? Uni.createFrom().item(ChangeOutcome.stale())
                        : applyNew(context, event).call(outcome -> outcome.trace() != null
                                && outcome.trace().status() == io.scimitar.provisioner.pipeline.ProvisioningStatus.FAILURE
                                ? Uni.createFrom().voidItem()
                                : memberships.recordVersion(context.job().id(), event.objectId(),
                                        event.objectVersion())));
    }

    private Uni<ChangeOutcome> applyNew(JobContext context, GroupMembershipEvent event) {
        List<String> added = userIds(event.added());
        List<String> removed = userIds(event.removed());
        Uni<Delta> delta;
        if (event.isSnapshot()) {
            delta = memberships.storeSnapshotPart(context.job().id(), event.objectId(), event.snapshot().snapshotId(),
                            event.snapshot().part(), event.snapshot().parts(), added)
                    .chain(all -> all == null ? Uni.createFrom().item(Delta.NONE) : snapshotDelta(context, event, all));
        } else {
            delta = Uni.createFrom().item(new Delta(added, removed));
        }
        return delta.chain(change -> memberships.add(context.job().id(), event.objectId(), change.added())
                .chain(() -> memberships.remove(context.job().id(), event.objectId(), change.removed()))
                .chain(exportedRemoved -> groupTarget(context, event.objectId())
                        .chain(group -> group.isEmpty() ? Uni.createFrom().item(ChangeOutcome.stale())
                                : sync(context, event, group.get(), exportedRemoved))));
    }

    /**
     * Adds users that just became active to the target groups that were waiting for them (see
     * {@link #pushPending}).
     */
    public Uni<List<ChangeTrace>> membersActivated(JobContext context, Set<String> userIds) {
        return memberships.pendingByGroupForMembers(context.job().id(), userIds)
                .chain(byGroup -> pushToGroups(context, byGroup.keySet()));
    }

    /**
     * Adds every waiting member who is an active provisioned user to its target group: after a crash between a
     * user's create and the group PATCH, after a PATCH that failed, or after one the rate limit held back.
     */
    public Uni<List<ChangeTrace>> pushAllPending(JobContext context) {
        return memberships.groupsWithMembersToPush(context.job().id())
                .chain(groupIds -> pushToGroups(context, groupIds));
    }

    /** Whether a PATCH of the job's waiting members was held back by the rate limit since the last call. */
    public boolean takeHeldBack(UUID jobId) {
        return heldBack.remove(jobId);
    }

    /**
     * Pushes to several groups at once, as many as the job applies objects in parallel: the users of a batch are all
     * applied by then, and each group gets its own PATCH. A batch of users spread over many teams (direct assignments
     * early in a sync) would otherwise wait for hundreds of PATCHes one after the other.
     */
    private Uni<List<ChangeTrace>> pushToGroups(JobContext context, Collection<String> groupIds) {
        return Multi.createFrom().iterable(groupIds)
                .onItem().transformToUni(groupId -> noRoomForAnyPatch(context)
                        ? Uni.createFrom().<ChangeTrace>nullItem() : groupTarget(context, groupId)
                        .chain(group -> group.isEmpty() ? Uni.createFrom().<ChangeTrace>nullItem()
                                : pushPending(context, group.get(), null)))
                .merge(concurrency)
                .filter(trace -> trace != null)
                .collect().asList();
    }

    /** For a deferring context: not even a one-member PATCH has room now, so the rest waits (and says so). */
    private boolean noRoomForAnyPatch(JobContext context) {
        if (context.defersForRateLimits() && !context.scim().limiter().hasRoom(RequestClass.GROUPS_PATCH)) {
            heldBack.add(context.job().id());
            return true;
        }
        return false;
    }

    /**
     * Adds the group's waiting members that are provisioned users to the target group. For a context that
     * {@linkplain JobContext#defersForRateLimits() defers}, a PATCH the rate limit has no room for now is not sent:
     * its members keep waiting, gathering with the next ones, until a later push ({@link #takeHeldBack} tells the job
     * to look again soon) rather than hold up the job's other changes. Answers the trace, or null when nothing was
     * sent and no trace was given.
     */
    public Uni<ChangeTrace> pushPending(JobContext context, ObjectLink group, ChangeTrace trace) {
        return memberships.pending(context.job().id(), group.sourceId())
                .chain(pending -> links.activeUserTargets(context.job().id(), pending))
                .chain(targets -> {
                    if (targets.isEmpty()) {
                        return Uni.createFrom().item(trace);
                    }
                    ChangeTrace log = trace != null ? trace : membershipTrace(context, group, null);
                    return addMembers(context, group, targets, log).map(sent -> sent || trace != null ? log : null);
                });
    }

    private Uni<ChangeOutcome> sync(JobContext context, GroupMembershipEvent event, ObjectLink group,
            Set<String> exportedRemoved) {
        ChangeTrace trace = membershipTrace(context, group, event);
        return links.userTargets(context.job().id(), exportedRemoved)
                .chain(removedTargets -> removeMembers(context, group, removedTargets, trace))
                .chain(() -> pushPending(context, group, trace))
                .map(result -> trace.action() == ProvisioningAction.OTHER ? ChangeOutcome.stale()
                        : ChangeOutcome.of(trace));
    }

    /** Sends the PATCHes (only those with room now, for a deferring context); answers whether any went out. */
    private Uni<Boolean> addMembers(JobContext context, ObjectLink group, Map<String, String> targetsBySource,
            ChangeTrace trace) {
        List<String> sources = new ArrayList<>(targetsBySource.keySet());
        AtomicBoolean sent = new AtomicBoolean();
        return Multi.createFrom().iterable(chunks(sources))
                .onItem().transformToUniAndConcatenate(chunk -> addChunk(context, group, chunk, targetsBySource,
                        trace, sent))
                .collect().last().map(ignored -> sent.get());
    }

    /**
     * One PATCH of members. For a deferring context whose rate limit has no room for it, the members go in two halves
     * instead, and so on: Miro budgets small team PATCHes (500 bytes at most) at 100 per 30 s but larger ones at 5, so
     * smaller PATCHes often go out when a large one would wait. What still has no room keeps waiting.
     */
    private Uni<Void> addChunk(JobContext context, ObjectLink group, List<String> chunk,
            Map<String, String> targetsBySource, ChangeTrace trace, AtomicBoolean sent) {
        var patch = patches.addMembers(context.dialect(), chunk.stream().map(targetsBySource::get).toList());
        if (context.defersForRateLimits() && !context.scim().patchGoesOutNow(ScimClient.GROUPS, patch)) {
            if (chunk.size() > 1) {
                List<String> first = chunk.subList(0, chunk.size() / 2);
                List<String> second = chunk.subList(chunk.size() / 2, chunk.size());
                return addChunk(context, group, first, targetsBySource, trace, sent)
                        .chain(() -> addChunk(context, group, second, targetsBySource, trace, sent));
            }
            heldBack.add(context.job().id());
            return Uni.createFrom().voidItem();
        }
        sent.set(true);
        return context.scim().patch(ScimClient.GROUPS, group.targetId(), patch).chain(result -> {
            trace.action(ProvisioningAction.UPDATE);
            if (!result.isSuccess()) {
                fail(trace, "EntryExportUpdate", "adding " + chunk.size() + " member(s)", result);
                return Uni.createFrom().voidItem();
            }
            trace.modified("members", null, "+" + chunk.size() + " member(s)");
            trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                    "Added " + chunk.size() + " member(s) to group " + group.targetId());
            return memberships.markExported(context.job().id(), group.sourceId(), chunk, true);
        });
    }

    private Uni<Void> removeMembers(JobContext context, ObjectLink group, Map<String, String> targetsBySource,
            ChangeTrace trace) {
        if (targetsBySource.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> sources = new ArrayList<>(targetsBySource.keySet());
        return Multi.createFrom().iterable(chunks(sources))
                .onItem().transformToUniAndConcatenate(chunk -> context.scim().patch(ScimClient.GROUPS,
                                group.targetId(), patches.removeMembers(context.dialect(),
                                        chunk.stream().map(targetsBySource::get).toList()))
                        .chain(result -> {
                            trace.action(ProvisioningAction.UPDATE);
                            if (result.isSuccess()) {
                                trace.modified("members", "-" + chunk.size() + " member(s)", null);
                                trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                                        "Removed " + chunk.size() + " member(s) from group " + group.targetId());
                                return Uni.createFrom().voidItem();
                            }
                            fail(trace, "EntryExportUpdate", "removing " + chunk.size() + " member(s)", result);
                            // still in the target group: remember them, so that the retry removes them
                            return memberships.restoreExported(context.job().id(), group.sourceId(), chunk);
                        }))
                .collect().last().replaceWithVoid();
    }

    private Uni<Delta> snapshotDelta(JobContext context, GroupMembershipEvent event, List<String> snapshot) {
        return memberships.members(context.job().id(), event.objectId()).map(current -> {
            Set<String> wanted = new HashSet<>(snapshot);
            List<String> added = snapshot.stream().filter(id -> !current.contains(id)).toList();
            List<String> removed = current.stream().filter(id -> !wanted.contains(id)).toList();
            return new Delta(added, removed);
        });
    }

    private Uni<Optional<ObjectLink>> groupTarget(JobContext context, String groupId) {
        return links.find(context.job().id(), ObjectType.GROUP, groupId)
                .map(link -> link.filter(l -> l.state() == LinkState.ACTIVE && l.targetId() != null));
    }

    private static ChangeTrace membershipTrace(JobContext context, ObjectLink group, GroupMembershipEvent event) {
        ChangeTrace trace = event != null
                ? new ChangeTrace(context.job().id(), context.cycleId(), "Group", event)
                : ChangeTrace.forObject(context.job().id(), context.cycleId(), "Group", group.sourceId());
        trace.sourceDisplay(group.displayName()).targetId(group.targetId());
        trace.step(StepType.REFERENCE_RESOLUTION, "EntryReferenceResolution", ProvisioningStatus.SUCCESS,
                "Members resolved to target users");
        return trace;
    }

    private static void fail(ChangeTrace trace, String step, String what, ScimResult result) {
        ScimResult.Failure failure = (ScimResult.Failure) result;
        trace.step(StepType.EXPORT, step, ProvisioningStatus.FAILURE, "Failed " + what + ": " + failure);
        trace.failed(failure);
    }

    private static List<String> userIds(List<MemberRef> members) {
        return members.stream().filter(member -> member.type() == MemberRef.MemberType.USER).map(MemberRef::id)
                .toList();
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MEMBERS_PER_PATCH) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MEMBERS_PER_PATCH)));
        }
        return chunks;
    }

    private record Delta(List<String> added, List<String> removed) {
        static final Delta NONE = new Delta(List.of(), List.of());
    }
}
