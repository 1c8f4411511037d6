package io.scimitar.provisioner.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.EventKeys;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.configuration.InactiveMembers;
import io.scimitar.provisioner.pipeline.PendingDeletions;
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
import io.scimitar.provisioner.ratelimit.Reservation;
import io.scimitar.provisioner.ratelimit.Slot;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimPatchWriter;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import io.scimitar.provisioner.membership.MembershipRule.MemberState;
import io.scimitar.provisioner.membership.MembershipRule.TargetMembership;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Keeps target groups' members as {@link MembershipRule} asks, from the current state: every change of one of its
 * inputs (a membership delta or snapshot, a user's change, a group linked or re-created) re-evaluates the groups it
 * touches and sends only the difference between what the rule asks and what the target group holds. Idempotent: a
 * member is added only while the target group does not hold it, and removed only while it does.
 */
@ApplicationScoped
public class MembershipSynchronizer {

    /** Members per PATCH: well under Miro's 8,000 members and 800,000 bytes. */
    static final int MEMBERS_PER_PATCH = 1000;

    /**
     * An add answered this long after its plan's inputs were read (a throttled PATCH sent again after its Retry-After,
     * a slow target, a plan waiting for its turn among many groups) has its members decided again from the state as it
     * is then: their scope or their user may have changed on another instance meanwhile, and that instance found
     * nothing to take out yet.
     */
    static final Duration SLOW_ADD = Duration.ofSeconds(1);

    private final MembershipRepository memberships;
    private final LinkRepository links;
    private final ScimPatchWriter patches;
    private final ScopeEvaluator scope;
    private final PendingDeletions deletions;
    private final Set<UUID> heldBack = ConcurrentHashMap.newKeySet();
    private final int concurrency;

    public MembershipSynchronizer(MembershipRepository memberships, LinkRepository links, ObjectMapper json,
            ConsumerSettings settings, ScopeEvaluator scope, PendingDeletions deletions) {
        this.scope = scope;
        this.deletions = deletions;
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
                event.objectVersion() <= Math.max(applied, keptVersion(context, event.objectId()))
                        ? Uni.createFrom().item(ChangeOutcome.stale())
                        : applyNew(context, event).call(outcome -> outcome.trace() != null
                                && outcome.trace().status() == ProvisioningStatus.FAILURE
                                ? Uni.createFrom().voidItem()
                                : recordVersion(context, event)));
    }

    /** The group's membership version applied earlier in the poll and not written yet, or -1. */
    private static long keptVersion(JobContext context, String groupId) {
        return context.writes() == null ? -1L : context.writes().membershipApplied(groupId);
    }

    /** Within a poll, the version is written with the poll's other writes; outside one, now. */
    private Uni<Void> recordVersion(JobContext context, GroupMembershipEvent event) {
        if (context.writes() != null) {
            context.writes().membershipApplied(event.objectId(), event.objectVersion());
            return Uni.createFrom().voidItem();
        }
        return memberships.recordVersion(context.job().id(), event.objectId(), event.objectVersion());
    }

    /**
     * Before a poll's groups are applied side by side: records the source members of every group whose first
     * membership event in the poll ({@code eventsByGroup}, each group's events in order) is a snapshot of one part, in
     * one statement for all of them, where each group's {@link #apply} would write them one group at a time. Each
     * {@link #apply} then finds its snapshot's members stored and writes no member, and still reconciles the target
     * group and records the version. Only a group's first membership event qualifies, so no earlier event of the poll
     * sees the snapshot's members before its turn.
     */
    public Uni<Void> storeSnapshots(JobContext context, Collection<List<AssignmentEvent>> eventsByGroup) {
        if (!context.job().groups().enabled()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, MembershipRepository.WholeSnapshot> snapshots = new LinkedHashMap<>();
        for (List<AssignmentEvent> events : eventsByGroup) {
            events.stream().filter(GroupMembershipEvent.class::isInstance).map(GroupMembershipEvent.class::cast)
                    .findFirst()
                    .filter(event -> event.isSnapshot() && event.snapshot().parts() == 1)
                    .ifPresent(event -> snapshots.putIfAbsent(event.objectId(), new MembershipRepository.WholeSnapshot(
                            event.objectId(), event.objectVersion(), userIds(event.added()))));
        }
        return memberships.storeSnapshots(context.job().id(), snapshots.values());
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
                .chain(() -> groupTarget(context, event.objectId()))
                .chain(group -> group.isEmpty() ? Uni.createFrom().item(ChangeOutcome.stale())
                        : reconcile(context, group.get(), membershipTrace(context, group.get(), event))
                        .map(trace -> trace.action() == ProvisioningAction.OTHER ? ChangeOutcome.stale()
                                : ChangeOutcome.of(trace))));
    }

    /**
     * Users changed (enabled, disabled, scoped in or out, linked, unlinked, deleted): whether each is in the job's
     * scope, by user id; empty when the job does not provision groups. The caller stores it with the poll's other
     * writes ({@code PendingWrites.scopes}), then has the users' groups re-evaluated ({@link #membersChanged}). Once it
     * is stored, the re-evaluation may wait: what it would send follows from the stored state alone, and a job that
     * stops before it is found again by {@link #pushAllPending} once the job owns partitions again.
     */
    public Map<String, Boolean> scopesOf(JobContext context, Collection<AssignmentEvent> userEvents) {
        if (!context.job().groups().enabled() || userEvents.isEmpty()) {
            return Map.of();
        }
        Map<String, Boolean> inScope = new LinkedHashMap<>();
        for (AssignmentEvent event : userEvents) {
            if (event instanceof UserAssignmentEvent user) {
                inScope.put(user.objectId(), scope.user(context.job(), user).inScope());
            } else if (event instanceof UserDeletedEvent deleted) {
                inScope.put(deleted.objectId(), false);
            }
        }
        return inScope;
    }

    /**
     * Re-evaluates these users, whose scopes are stored ({@link #scopesOf}), in every group they belong to, in the
     * source or in the target (only them: the other members' inputs did not change). Answers the traces of the groups
     * whose target changed (or failed to).
     */
    public Uni<List<ChangeTrace>> membersChanged(JobContext context, Collection<String> userIds) {
        if (!context.job().groups().enabled() || userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return memberships.rowsOfMembers(context.job().id(), userIds)
                .chain(rowsByGroup -> reconcileMembers(context, rowsByGroup));
    }

    /**
     * Re-evaluates the given members of several groups, reading what the rule needs for all of them at once: the
     * groups' links, their members' links, scopes and pending deletions in four queries, whatever the number of groups
     * (a poll of users spread over hundreds of teams would otherwise cost four queries per team). Then each group gets
     * its own PATCHes, as many side by side as the job applies objects.
     */
    private Uni<List<ChangeTrace>> reconcileMembers(JobContext context, Map<String, List<MembershipRow>> rowsByGroup) {
        if (rowsByGroup.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID jobId = context.job().id();
        Set<String> memberIds = new java.util.LinkedHashSet<>();
        rowsByGroup.values().forEach(rows -> rows.forEach(row -> memberIds.add(row.memberId())));
        long readAt = System.nanoTime();
        return links.findAll(jobId, ObjectType.GROUP, rowsByGroup.keySet())
                .chain(groups -> links.findAll(jobId, ObjectType.USER, memberIds)
                        .chain(users -> memberships.scopes(jobId, memberIds)
                                .chain(scopes -> pendingDeactivations(context, new ArrayList<>(memberIds))
                                        .chain(pending -> Multi.createFrom().iterable(rowsByGroup.entrySet())
                                                .onItem().transformToUni(entry -> {
                                                    ObjectLink group = groups.get(entry.getKey());
                                                    if (group == null || group.state() != LinkState.ACTIVE
                                                            || group.targetId() == null
                                                            || noRoomForAnyPatch(context)) {
                                                        return Uni.createFrom().<ChangeTrace>nullItem();
                                                    }
                                                    return carryOut(context, group, plan(context, entry.getValue(),
                                                            users, scopes, pending, readAt), null);
                                                })
                                                .merge(concurrency)
                                                .filter(trace -> trace != null)
                                                .collect().asList()))));
    }

    /**
     * Re-evaluates the linked groups whose target may differ from what the rule asks (after a crash between a user's
     * change and the group PATCH, after a PATCH that failed, or after one the rate limit held back), of those
     * {@code swept} accepts (by group id): with several instances, each sweeps the groups on its own partitions.
     */
    public Uni<List<ChangeTrace>> pushAllPending(JobContext context, Predicate<String> swept) {
        return memberships.groupsToReconcile(context.job().id())
                .chain(groupIds -> reconcileGroups(context, groupIds.stream().filter(swept).toList(),
                        (group, trace) -> reconcile(context, group, trace)));
    }

    /** Whether a PATCH of the job's waiting members was held back by the rate limit since the last call. */
    public boolean takeHeldBack(UUID jobId) {
        return heldBack.remove(jobId);
    }

    /**
     * Re-evaluates several groups at once, as many as the job applies objects in parallel: the users of a batch are
     * all applied by then, and each group gets its own PATCHes. A batch of users spread over many teams (direct
     * assignments early in a sync) would otherwise wait for hundreds of PATCHes one after the other.
     */
    private Uni<List<ChangeTrace>> reconcileGroups(JobContext context, Collection<String> groupIds,
            BiFunction<ObjectLink, ChangeTrace, Uni<ChangeTrace>> reconcile) {
        return Multi.createFrom().iterable(groupIds)
                .onItem().transformToUni(groupId -> noRoomForAnyPatch(context)
                        ? Uni.createFrom().<ChangeTrace>nullItem() : groupTarget(context, groupId)
                        .chain(group -> group.isEmpty() ? Uni.createFrom().<ChangeTrace>nullItem()
                                : reconcile.apply(group.get(), null)))
                .merge(concurrency)
                .filter(trace -> trace != null)
                .collect().asList();
    }

    /**
     * For a deferring context: not even a one-member PATCH has room now, so the rest waits (and says so). A hint that
     * spares the group's reads; each PATCH takes its own slot atomically when it goes out ({@code addChunk}).
     */
    private boolean noRoomForAnyPatch(JobContext context) {
        if (context.defersForRateLimits() && !context.scim().limiter().hasRoom(RequestClass.GROUPS_PATCH)) {
            heldBack.add(context.job().id());
            return true;
        }
        return false;
    }

    /**
     * Brings the linked target group to what {@link MembershipRule} asks from the current state: removes the members
     * it must not hold, then adds those it must (a member left as is is neither). For a context that
     * {@linkplain JobContext#defersForRateLimits() defers}, an adding PATCH the rate limit has no room for now is not
     * sent: its members keep waiting, gathering with the next ones, until a later push ({@link #takeHeldBack} tells
     * the job to look again soon) rather than hold up the job's other changes. Answers the trace (the one given, or a
     * new one when something was sent), or null when nothing was sent and no trace was given.
     */
    public Uni<ChangeTrace> reconcile(JobContext context, ObjectLink group, ChangeTrace trace) {
        return memberships.rows(context.job().id(), group.sourceId())
                .chain(rows -> reconcile(context, group, rows, trace));
    }

    /**
     * The members a group about to be created should be created with (target ids by source id, at most one PATCH's
     * worth): those the rule makes members now. The create then sends one write for the group and its members, where
     * a create followed by a PATCH would send two; the rest, if any, follow by PATCH once the group is linked.
     */
    public Uni<Map<String, String>> membersToCreateWith(JobContext context, String groupId) {
        return memberships.rows(context.job().id(), groupId).chain(rows -> plan(context, rows)).map(plan -> {
            Map<String, String> members = new LinkedHashMap<>();
            for (Map.Entry<String, String> member : plan.add().entrySet()) {
                if (members.size() == MEMBERS_PER_PATCH) {
                    break;
                }
                members.put(member.getKey(), member.getValue());
            }
            return members;
        });
    }

    /** Notes that the target group holds these members since it was created with them. */
    public Uni<Void> createdWith(JobContext context, String groupId, Collection<String> memberIds) {
        return memberIds.isEmpty() ? Uni.createFrom().voidItem()
                : memberships.markExported(context.job().id(), groupId, memberIds, true);
    }

    /** {@link #reconcile(JobContext, ObjectLink, ChangeTrace)} for some of the group's members only. */
    private Uni<ChangeTrace> reconcile(JobContext context, ObjectLink group, List<MembershipRow> rows,
            ChangeTrace trace) {
        return plan(context, rows).chain(plan -> carryOut(context, group, plan, trace));
    }

    /** Sends what {@code plan} asks of the target group; answers as {@link #reconcile(JobContext, ObjectLink, ChangeTrace)}. */
    private Uni<ChangeTrace> carryOut(JobContext context, ObjectLink group, Plan plan, ChangeTrace trace) {
        if (plan.isEmpty()) {
            return Uni.createFrom().item(trace);
        }
        ChangeTrace log = trace != null ? trace : membershipTrace(context, group, null);
        AtomicBoolean sent = new AtomicBoolean();
        AnsweredAdds answered = new AnsweredAdds(plan.readAt());
        return memberships.settle(context.job().id(), group.sourceId(), plan.gone())
                .chain(() -> removeMembers(context, group, plan.remove(), log, sent))
                .chain(() -> plan.add().isEmpty() ? Uni.createFrom().voidItem()
                        : addMembers(context, group, plan.add(), log, sent, answered))
                .chain(() -> answered.toDecideAgain.isEmpty() ? Uni.createFrom().voidItem()
                        : takeOutAgain(context, group, answered.toDecideAgain, log))
                .map(ignored -> sent.get() || trace != null ? log : null);
    }

    /** The members of a plan's answered adds to decide again from the state as it is once they are answered. */
    private static final class AnsweredAdds {

        /** When the plan's inputs were read ({@link System#nanoTime()}). */
        private final long readAt;
        private final Set<String> toDecideAgain = ConcurrentHashMap.newKeySet();

        AnsweredAdds(long readAt) {
            this.readAt = readAt;
        }

        /**
         * An add of {@code chunk} was answered: those of its members no longer source members
         * ({@link MembershipRepository#markAdded}) are decided again, and all of them when it came more than
         * {@link #SLOW_ADD} after the plan's inputs were read.
         */
        void answered(List<String> chunk, Set<String> noLongerSourceMembers) {
            toDecideAgain.addAll(noLongerSourceMembers);
            if (System.nanoTime() - readAt > SLOW_ADD.toNanos()) {
                toDecideAgain.addAll(chunk);
            }
        }
    }

    /**
     * Decides again, from the rows as they are now, members a PATCH added after they may have left the group or the
     * job's scope: the PATCH was planned before another instance applied their removal (and forgot their rows) or their
     * change of scope, and that instance found nothing to take out yet, so the rule now takes them out. Those the rule
     * still makes members are left as they are.
     */
    private Uni<Void> takeOutAgain(JobContext context, ObjectLink group, Set<String> memberIds, ChangeTrace log) {
        return memberships.rowsOfMembers(context.job().id(), memberIds)
                .map(rowsByGroup -> rowsByGroup.getOrDefault(group.sourceId(), List.of()))
                .chain(rows -> plan(context, rows))
                .chain(plan -> carryOut(context, group, plan, log))
                .replaceWithVoid();
    }

    /** What the rule asks of these membership rows, from their users' links, scopes and pending deletions. */
    private Uni<Plan> plan(JobContext context, List<MembershipRow> rows) {
        UUID jobId = context.job().id();
        List<String> ids = rows.stream().map(MembershipRow::memberId).toList();
        long readAt = System.nanoTime();
        return links.findAll(jobId, ObjectType.USER, ids).chain(users -> memberships.scopes(jobId, ids)
                .chain(scopes -> pendingDeactivations(context, ids)
                        .map(pending -> plan(context, rows, users, scopes, pending, readAt))));
    }

    /**
     * The members whose disable or delete waits in the deletion guard, where that matters to the rule: only where the
     * target's groups do not hold inactive members (an active member is one there too otherwise).
     */
    private Uni<Set<String>> pendingDeactivations(JobContext context, List<String> memberIds) {
        if (context.job().profile().inactiveMembers() == InactiveMembers.HELD || memberIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Map<String, String> byKey = new HashMap<>();
        memberIds.forEach(id -> byKey.put(EventKeys.key(context.job().applicationId(), id), id));
        return deletions.pendingDeletions(context.job().id(), byKey.keySet())
                .map(keys -> keys.stream().map(byKey::get).collect(Collectors.toSet()));
    }

    /**
     * What the target group needs, member by member, to hold what the rule asks, from the users' links, scopes and
     * pending deactivations read from {@code readAt} ({@link System#nanoTime()}) on.
     */
    private static Plan plan(JobContext context, List<MembershipRow> rows, Map<String, ObjectLink> users,
            Map<String, Boolean> scopes, Set<String> deactivationPending, long readAt) {
        Map<String, String> add = new LinkedHashMap<>();
        Map<String, String> remove = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        for (MembershipRow row : rows) {
            ObjectLink user = users.get(row.memberId());
            MemberState state = MemberState.of(row.sourceMember(), Optional.ofNullable(user),
                    scopes.getOrDefault(row.memberId(), true), deactivationPending.contains(row.memberId()));
            TargetMembership decision = MembershipRule.decide(state, context.job().profile().inactiveMembers(),
                    context.job().skipOutOfScopeDeletions());
            if (decision == TargetMembership.MEMBER && !row.exported()) {
                add.put(row.memberId(), user.targetId());
            } else if (decision == TargetMembership.NOT_MEMBER && row.exported()) {
                if (state.provisioned()) {
                    remove.put(row.memberId(), user.targetId());
                } else {
                    // its target user is gone (deleted, or unlinked): so is its membership of the target group
                    gone.add(row.memberId());
                }
            } else if (decision == TargetMembership.NOT_MEMBER && !row.sourceMember()) {
                gone.add(row.memberId());
            }
        }
        return new Plan(add, remove, gone, readAt);
    }

    /**
     * Members to add and remove (target ids by source id), and rows to settle without a request, decided from inputs
     * read from {@code readAt} on.
     */
    private record Plan(Map<String, String> add, Map<String, String> remove, List<String> gone, long readAt) {
        boolean isEmpty() {
            return add.isEmpty() && remove.isEmpty() && gone.isEmpty();
        }
    }

    /**
     * Sends the PATCHes (only those with room now, for a deferring context); notes in {@code sent} if any went out, and
     * in {@code answered} the members added.
     */
    private Uni<Void> addMembers(JobContext context, ObjectLink group, Map<String, String> targetsBySource,
            ChangeTrace trace, AtomicBoolean sent, AnsweredAdds answered) {
        List<String> sources = new ArrayList<>(targetsBySource.keySet());
        return Multi.createFrom().iterable(chunks(sources))
                .onItem().transformToUniAndConcatenate(chunk -> addChunk(context, group, chunk, targetsBySource,
                        trace, sent, answered))
                .collect().last().replaceWithVoid();
    }

    /**
     * One PATCH of members. For a deferring context whose rate limit has no room for it, the members go in two halves
     * instead, and so on: Miro budgets small team PATCHes (500 bytes at most) at 100 per 30 s but larger ones at 5, so
     * smaller PATCHes often go out when a large one would wait. What still has no room keeps waiting.
     */
    private Uni<Void> addChunk(JobContext context, ObjectLink group, List<String> chunk,
            Map<String, String> targetsBySource, ChangeTrace trace, AtomicBoolean sent, AnsweredAdds answered) {
        var patch = patches.addMembers(context.dialect(), chunk.stream().map(targetsBySource::get).toList());
        Slot slot = context.defersForRateLimits() ? context.scim().reservePatch(ScimClient.GROUPS, patch) : null;
        if (slot instanceof Slot.Later) {
            if (chunk.size() > 1) {
                List<String> first = chunk.subList(0, chunk.size() / 2);
                List<String> second = chunk.subList(chunk.size() / 2, chunk.size());
                return addChunk(context, group, first, targetsBySource, trace, sent, answered)
                        .chain(() -> addChunk(context, group, second, targetsBySource, trace, sent, answered));
            }
            heldBack.add(context.job().id());
            return Uni.createFrom().voidItem();
        }
        sent.set(true);
        Reservation reserved = slot instanceof Slot.Reserved taken ? taken.reservation() : null;
        ScimClient client = reserved != null ? context.scim().using(reserved) : context.scim();
        return client.patch(ScimClient.GROUPS, group.targetId(), patch).onTermination().invoke(() -> {
            if (reserved != null) {
                reserved.release();
            }
        }).chain(result -> {
            trace.action(ProvisioningAction.UPDATE);
            if (!result.isSuccess()) {
                fail(trace, "EntryExportUpdate", "adding " + chunk.size() + " member(s)", result);
                return Uni.createFrom().voidItem();
            }
            trace.modified("members", null, "+" + chunk.size() + " member(s)");
            trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                    "Added " + chunk.size() + " member(s) to group " + group.targetId());
            return memberships.markAdded(context.job().id(), group.sourceId(), chunk)
                    .invoke(left -> answered.answered(chunk, left)).replaceWithVoid();
        });
    }

    /** Removes members from the target group; a removal that failed stays to be tried again (the row is kept). */
    private Uni<Void> removeMembers(JobContext context, ObjectLink group, Map<String, String> targetsBySource,
            ChangeTrace trace, AtomicBoolean sent) {
        if (targetsBySource.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> sources = new ArrayList<>(targetsBySource.keySet());
        return Multi.createFrom().iterable(chunks(sources))
                .onItem().transformToUniAndConcatenate(chunk -> {
                    sent.set(true);
                    return context.scim().patch(ScimClient.GROUPS, group.targetId(), patches.removeMembers(
                                    context.dialect(), chunk.stream().map(targetsBySource::get).toList()))
                            .chain(result -> {
                                trace.action(ProvisioningAction.UPDATE);
                                if (result.isSuccess()) {
                                    trace.modified("members", "-" + chunk.size() + " member(s)", null);
                                    trace.step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS,
                                            "Removed " + chunk.size() + " member(s) from group " + group.targetId());
                                    return memberships.settle(context.job().id(), group.sourceId(), chunk);
                                }
                                fail(trace, "EntryExportUpdate", "removing " + chunk.size() + " member(s)", result);
                                return Uni.createFrom().voidItem();
                            });
                })
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
