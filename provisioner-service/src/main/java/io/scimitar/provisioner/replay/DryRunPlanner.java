package io.scimitar.provisioner.replay;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.mapping.SourceObjects;
import io.scimitar.provisioner.provisioning.EmptiedValues;
import io.scimitar.provisioner.replay.PlannedChange.PlannedAction;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.UniquenessCheck;
import io.scimitar.provisioner.rules.mapping.MappingEvaluationException;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.scim.AttributeChange;
import io.scimitar.provisioner.scim.AttributeDiff;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import io.scimitar.provisioner.scope.ScopeResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A dry run: walks the compacted view of the job's application's history (each object's newest state event, as a
 * restart applies it) and decides what a run would do with the job's configuration (stored, or proposed and not
 * saved) and its current links, without calling the target. Objects the job has not linked yet are assumed absent
 * from the target (a real run first tries to match them). Each listed change carries the values it would send, old and new; a full dry run also lists the objects in
 * scope that are already in sync, with every value they would have.
 */
@ApplicationScoped
public class DryRunPlanner {

    static final int MAX_LISTED = 1000;

    private final TopicReader topic;
    private final LinkRepository links;
    private final ScopeEvaluator scope;
    private final EvaluationSettings evaluation;

    public DryRunPlanner(TopicReader topic, LinkRepository links, ScopeEvaluator scope,
            EvaluationSettings evaluation) {
        this.evaluation = evaluation;
        this.topic = topic;
        this.links = links;
        this.scope = scope;
    }

    public Uni<DryRunReport> plan(JobDefinition job, Instant from, boolean full) {
        return plan(job, from, full, change -> { });
    }

    /**
     * {@link #plan}, handing every planned change to {@code each} as it is planned, beyond the listed ones, on a
     * worker thread (so {@code each} may wait), for callers that count over the whole scope.
     */
    public Uni<DryRunReport> plan(JobDefinition job, Instant from, boolean full, Consumer<PlannedChange> each) {
        String prefix = job.applicationId() + "/";
        return links.all(job.id(), ObjectType.USER)
                .chain(users -> links.all(job.id(), ObjectType.GROUP)
                        .chain(groups -> Uni.createFrom().item(() -> {
                            Report report = new Report(job, users, groups, full, each);
                            long read = topic.scanNewestStates(key -> key.startsWith(prefix), from, report::add);
                            return report.done(read);
                        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }

    /** The report as the newest states come: counts for all, the changes listed up to {@link #MAX_LISTED}. */
    private final class Report {
        private final JobDefinition job;
        private final Map<String, ObjectLink> users;
        private final Map<String, ObjectLink> groups;
        private final boolean full;
        private final Consumer<PlannedChange> each;
        private final Map<PlannedAction, Integer> counts = new EnumMap<>(PlannedAction.class);
        private final List<PlannedChange> changes = new ArrayList<>();
        private final EvaluationEnvironment environment = EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE)
                .withBudget(evaluation.budget());
        private long listable;

        Report(JobDefinition job, Map<String, ObjectLink> users, Map<String, ObjectLink> groups, boolean full,
                Consumer<PlannedChange> each) {
            this.job = job;
            this.users = users;
            this.groups = groups;
            this.full = full;
            this.each = each;
        }

        void add(AssignmentEvent event) {
            PlannedChange change;
            try {
                change = plan(job, event, users, groups, environment);
            } catch (MappingEvaluationException e) {
                change = new PlannedChange(event instanceof GroupAssignmentEvent ? "Group" : "User", event.objectId(),
                        null, PlannedAction.FAIL, List.of(), List.of(), true, e.getMessage());
            }
            counts.merge(change.action(), 1, Integer::sum);
            each.accept(change);
            if (listed(change, full)) {
                listable++;
                if (changes.size() < MAX_LISTED) {
                    changes.add(change);
                }
            }
        }

        DryRunReport done(long eventsRead) {
            return new DryRunReport(eventsRead, counts, changes, listable > changes.size());
        }
    }

    private static boolean listed(PlannedChange change, boolean full) {
        return change.action() != PlannedAction.SKIP || (full && change.inScope());
    }

    private PlannedChange plan(JobDefinition job, AssignmentEvent event, Map<String, ObjectLink> users,
            Map<String, ObjectLink> groups, EvaluationEnvironment environment) {
        if (event instanceof UserAssignmentEvent user) {
            return user(job, user, users.get(user.objectId()), environment);
        }
        if (event instanceof UserDeletedEvent deleted) {
            return deleted(job.users().delete(), "User", deleted.objectId(), deleted.userPrincipalName(),
                    users.get(deleted.objectId()));
        }
        if (event instanceof GroupAssignmentEvent group) {
            return group(job, group, groups.get(group.objectId()), environment);
        }
        GroupDeletedEvent deleted = (GroupDeletedEvent) event;
        return deleted(job.groups().delete(), "Group", deleted.objectId(), deleted.displayName(),
                groups.get(deleted.objectId()));
    }

    private PlannedChange user(JobDefinition job, UserAssignmentEvent event, ObjectLink link,
            EvaluationEnvironment environment) {
        ScopeResult inScope = scope.user(job, event);
        boolean provisioned = isProvisioned(link);
        String display = event.user().userPrincipalName();
        if (!inScope.shouldBeActive()) {
            if (!provisioned || link.state() == LinkState.DISABLED
                    || (!inScope.inScope() && job.skipOutOfScopeDeletions()) || !job.users().update()) {
                return skip("User", event.objectId(), display, inScope.inScope(), inScope.reason());
            }
        }
        MappingResult mapped = job.userMappings().evaluate(SourceObjects.user(event, !inScope.shouldBeActive()),
                environment, !provisioned);
        if (!provisioned) {
            return job.users().create()
                    ? new PlannedChange("User", event.objectId(), display, PlannedAction.CREATE,
                            List.copyOf(mapped.values().keySet()), created(mapped), true, inScope.reason())
                    : skip("User", event.objectId(), display, true, "The Create action is turned off for users");
        }
        return update(job, "User", event.objectId(), display, mapped, link, job.users().update(),
                inScope.inScope());
    }

    private PlannedChange group(JobDefinition job, GroupAssignmentEvent event, ObjectLink link,
            EvaluationEnvironment environment) {
        ScopeResult inScope = scope.group(job, event);
        boolean provisioned = link != null && link.state() == LinkState.ACTIVE && link.targetId() != null;
        String display = event.group().displayName();
        if (!inScope.shouldBeActive()) {
            return provisioned && job.groups().delete() && !(!inScope.inScope() && job.skipOutOfScopeDeletions())
                    ? new PlannedChange("Group", event.objectId(), display, PlannedAction.DELETE, List.of(),
                            List.of(), inScope.inScope(), inScope.reason())
                    : skip("Group", event.objectId(), display, inScope.inScope(), inScope.reason());
        }
        MappingResult mapped = job.groupMappings().evaluate(SourceObjects.group(event, false), environment,
                !provisioned);
        if (!provisioned) {
            return new PlannedChange("Group", event.objectId(), display,
                    job.groups().create() ? PlannedAction.CREATE : PlannedAction.MATCH,
                    List.copyOf(mapped.values().keySet()), created(mapped), true, job.groups().create()
                    ? inScope.reason() : "Matched by " + mapped.matchingValues() + "; the target must already have it");
        }
        return update(job, "Group", event.objectId(), display, mapped, link, job.groups().update(), true);
    }

    /**
     * An update as the real run decides it ({@link EmptiedValues}): a mapped value that became empty is cleared where
     * the mapping says CLEAR and the profile can clear (shown as the old value, then none); one the target keeps is
     * named in the reason, never called "in sync".
     */
    private static PlannedChange update(JobDefinition job, String type, String id, String display,
            MappingResult mapped, ObjectLink link, boolean updateEnabled, boolean inScope) {
        Map<String, Object> current = link.exported();
        EmptiedValues emptied = EmptiedValues.of(job.profile(), mapped, current);
        List<AttributeChange> changes = AttributeDiff.changes(mapped.values(), emptied.toClear(), current);
        String kept = emptied.keepsAny() ? emptied.description(type.toLowerCase(java.util.Locale.ROOT)) : null;
        if (changes.isEmpty()) {
            // a full dry run shows what the object would hold: every mapped value, as the target has it
            Map<String, Object> loggable = mapped.loggableValues();
            List<ModifiedProperty> all = loggable.keySet().stream().map(attribute -> new ModifiedProperty(attribute,
                    shown(mapped, attribute, current.get(attribute)), loggable.get(attribute))).toList();
            return new PlannedChange(type, id, display, PlannedAction.SKIP, List.of(), all, inScope,
                    kept != null ? kept : "Already in sync");
        }
        if (!updateEnabled) {
            return skip(type, id, display, inScope, "The Update action is turned off");
        }
        Map<String, Object> loggable = mapped.loggableValues();
        List<ModifiedProperty> values = changes.stream().map(change -> new ModifiedProperty(change.path(),
                shown(mapped, change.path(), change.oldValue()),
                change.removes() ? null : loggable.get(change.path()))).toList();
        return new PlannedChange(type, id, display, AttributeDiff.deactivates(changes) ? PlannedAction.DISABLE
                : PlannedAction.UPDATE, changes.stream().map(AttributeChange::path).toList(), values, inScope,
                kept != null ? "Attributes changed; " + kept : "Attributes changed");
    }

    /** A create's values: nothing before, the mapped values after (Redact ones masked). */
    private static List<ModifiedProperty> created(MappingResult mapped) {
        return mapped.loggableValues().entrySet().stream()
                .map(value -> new ModifiedProperty(value.getKey(), null, value.getValue())).toList();
    }

    /** The old value as it may be shown: masked for a Redact mapping, as the provisioning log does. */
    private static Object shown(MappingResult mapped, String attribute, Object old) {
        return mapped.redactedTargets().contains(attribute) && old != null
                ? mapped.loggableValues().get(attribute) : old;
    }

    private static PlannedChange deleted(boolean deleteEnabled, String type, String id, String display,
            ObjectLink link) {
        return isProvisioned(link) && deleteEnabled
                ? new PlannedChange(type, id, display, PlannedAction.DELETE, List.of(), List.of(), false,
                        "Hard-deleted in the directory")
                : skip(type, id, display, false, isProvisioned(link) ? "The Delete action is turned off"
                        : "Not provisioned");
    }

    private static boolean isProvisioned(ObjectLink link) {
        return link != null && link.targetId() != null && link.state() != LinkState.DELETED
                && link.state() != LinkState.NOT_PROVISIONED;
    }

    private static PlannedChange skip(String type, String id, String display, boolean inScope, String reason) {
        return new PlannedChange(type, id, display, PlannedAction.SKIP, List.of(), List.of(), inScope, reason);
    }

}
