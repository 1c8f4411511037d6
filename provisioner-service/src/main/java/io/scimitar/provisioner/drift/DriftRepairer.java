package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.provisioner.deletions.DeletionGuard;
import io.scimitar.provisioner.drift.ReconciliationRepository.StoredDifference;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep.StepType;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.UniquenessCheck;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.scim.AttributeChange;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimPatchWriter;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Repair mode: sets each difference right as the reconciliation's policies say, through the job's own pipeline where
 * the directory has a state for the object: the link is first told what the target holds (the values found, the
 * active flag found, or no target object at all), then the object's newest event is applied again, so scoping,
 * mappings, rate limits, escrow and the deletion guard decide and the provisioning log records the change (its old
 * values being the ones found). Members are set right by the membership rule; orphan users are linked, disabled or
 * deleted and orphan groups linked or deleted (where the target deletes groups), within the job's deletion threshold.
 * Each fix is also logged with the reason "drift" and the value found. Works from the stored report, a page at a time,
 * and records each difference's outcome there. Blocks.
 */
@ApplicationScoped
public class DriftRepairer {

    static final String REASON = "drift";
    private static final int PAGE = 500;

    private final LinkRepository links;
    private final MembershipRepository memberships;
    private final MembershipSynchronizer synchronizer;
    private final EventDispatcher dispatcher;
    private final ProvisioningLogRepository log;
    private final ScimPatchWriter patches;
    private final ScopeEvaluator scope;
    private final ReconciliationRepository repository;

    public DriftRepairer(LinkRepository links, MembershipRepository memberships, MembershipSynchronizer synchronizer,
            EventDispatcher dispatcher, ProvisioningLogRepository log, ObjectMapper json, ScopeEvaluator scope,
            ReconciliationRepository repository) {
        this.repository = repository;
        this.links = links;
        this.memberships = memberships;
        this.synchronizer = synchronizer;
        this.dispatcher = dispatcher;
        this.log = log;
        this.patches = new ScimPatchWriter(json);
        this.scope = scope;
    }

    /** What a reconciliation's repair works on: its stored report, the orphans found per type, its policies. */
    public record Report(UUID reconciliationId, RepairPolicies policies, int orphanUsers, int orphanGroups) {
    }

    /**
     * Repairs what the policies say, reading the stored differences back a page at a time in the order found (first
     * all but the orphans, one object's differences together, then the orphans) and recording each one's outcome;
     * answers the counts repaired per kind.
     */
    public Map<DriftKind, Integer> repair(JobContext context, Report report, DriftDetector.Findings findings,
            BooleanSupplier running) {
        Map<DriftKind, Integer> repaired = new EnumMap<>(DriftKind.class);
        List<StoredDifference> object = new ArrayList<>();
        int after = -1;
        while (running.getAsBoolean()) {
            List<StoredDifference> page = repository.storedAfter(report.reconciliationId(), false, after, PAGE)
                    .await().indefinitely();
            List<StoredDifference> done = new ArrayList<>();
            for (StoredDifference stored : page) {
                if (!object.isEmpty() && !key(object.get(0)).equals(key(stored))) {
                    done.addAll(repairObject(context, report.policies(), findings, object, repaired));
                    object.clear();
                    if (!running.getAsBoolean()) {
                        break;
                    }
                }
                object.add(stored);
            }
            repository.recordOutcomes(report.reconciliationId(), done).await().indefinitely();
            if (page.size() < PAGE || !running.getAsBoolean()) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        if (!object.isEmpty() && running.getAsBoolean()) {
            repository.recordOutcomes(report.reconciliationId(), repairObject(context, report.policies(), findings,
                    object, repaired)).await().indefinitely();
        }
        orphans(context, report, findings, running, repaired);
        repository.outcomeOfUnreached(report.reconciliationId(), "not repaired: cancelled").await().indefinitely();
        return repaired;
    }

    /** One object's differences are repaired together; a group's members apart from its attributes. */
    private static String key(StoredDifference stored) {
        Difference d = stored.difference();
        return d.objectType() + "/" + d.sourceId() + "/" + (d.kind() == DriftKind.MEMBERSHIP ? "members" : "object");
    }

    private List<StoredDifference> repairObject(JobContext context, RepairPolicies policies,
            DriftDetector.Findings findings, List<StoredDifference> stored, Map<DriftKind, Integer> repaired) {
        List<StoredDifference> outcomes = new ArrayList<>();
        List<StoredDifference> toRepair = new ArrayList<>();
        for (StoredDifference s : stored) {
            if (policies.repairs(s.difference().kind(), s.difference().objectType())) {
                toRepair.add(s);
            } else {
                outcomes.add(withOutcome(s, "reported (policy)"));
            }
        }
        if (toRepair.isEmpty()) {
            return outcomes;
        }
        List<Difference> object = toRepair.stream().map(StoredDifference::difference).toList();
        String outcome;
        try {
            outcome = object.get(0).kind() == DriftKind.MEMBERSHIP ? members(context, object)
                    : object(context, findings, object);
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage();
        }
        for (StoredDifference s : toRepair) {
            outcomes.add(withOutcome(s, outcome));
            count(repaired, s.difference().kind(), outcome);
        }
        return outcomes;
    }

    private static StoredDifference withOutcome(StoredDifference stored, String outcome) {
        return new StoredDifference(stored.seq(), stored.difference().withOutcome(outcome));
    }

    /** Counts a difference as repaired when its outcome says it was (or that the orphan was linked). */
    private static void count(Map<DriftKind, Integer> repaired, DriftKind kind, String outcome) {
        if (outcome.startsWith("repaired") || outcome.startsWith("linked")) {
            repaired.merge(kind, 1, Integer::sum);
        }
    }

    /** Attribute, state or missing drift of one object: the link learns what the target holds, the event goes again. */
    private String object(JobContext context, DriftDetector.Findings findings, List<Difference> object) {
        Difference first = object.get(0);
        boolean user = "User".equals(first.objectType());
        ObjectType type = user ? ObjectType.USER : ObjectType.GROUP;
        ObjectLink link = links.find(context.job().id(), type, first.sourceId()).await().indefinitely()
                .orElse(null);
        AssignmentEvent event = (user ? findings.newest().users() : findings.newest().groups()).get(first.sourceId());
        if (link == null || !(event instanceof UserAssignmentEvent || event instanceof GroupAssignmentEvent)) {
            return "not repaired: the directory has no current state of the object";
        }
        ObjectLink told;
        if (first.kind() == DriftKind.MISSING) {
            told = new ObjectLink(link.jobId(), type, link.sourceId(), null, LinkState.NOT_PROVISIONED, Map.of(),
                    link.sourceVersion(), link.displayName(), link.inSourceScope());
            (user ? memberships.resetMember(context.job().id(), link.sourceId())
                    : memberships.resetGroup(context.job().id(), link.sourceId())).await().indefinitely();
        } else {
            Map<String, Object> exported = new HashMap<>(link.exported());
            LinkState state = link.state();
            for (Difference d : object) {
                Object found = value(d.attribute(), d.found());
                if (found == null) {
                    exported.remove(d.attribute());
                } else {
                    exported.put(d.attribute(), found);
                }
                if (d.kind() == DriftKind.STATE && found instanceof Boolean active) {
                    state = active ? LinkState.ACTIVE : LinkState.DISABLED;
                }
            }
            told = new ObjectLink(link.jobId(), type, link.sourceId(), link.targetId(), state, exported,
                    link.sourceVersion(), link.displayName(), link.inSourceScope());
        }
        links.save(told).chain(() -> links.markForReevaluation(context.job().id(), type, link.sourceId()))
                .await().indefinitely();
        logDrift(context, first.objectType(), link.sourceId(), link.displayName(), link.targetId(), object);
        ChangeOutcome outcome = dispatcher.dispatch(context, event).await().indefinitely();
        return describe(outcome.trace());
    }

    /** A group's members: those removed in the target are added again by the rule, those added are removed. */
    private String members(JobContext context, List<Difference> object) {
        Difference first = object.get(0);
        ObjectLink group = links.find(context.job().id(), ObjectType.GROUP, first.sourceId()).await().indefinitely()
                .filter(DriftDetector::provisioned).orElse(null);
        if (group == null) {
            return "not repaired: the group is no longer linked";
        }
        Map<String, String> sourceByTarget = new HashMap<>();
        links.findProvisionedByTargets(context.job().id(), ObjectType.USER, object.stream()
                        .map(Difference::expected).filter(java.util.Objects::nonNull).toList()).await().indefinitely()
                .forEach((target, link) -> sourceByTarget.put(target, link.sourceId()));
        List<String> removedSources = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Difference d : object) {
            if (d.expected() != null && sourceByTarget.containsKey(d.expected())) {
                removedSources.add(sourceByTarget.get(d.expected()));
            } else if (d.found() != null) {
                added.add(d.found());
            }
        }
        logDrift(context, "Group", group.sourceId(), group.displayName(), group.targetId(), object);
        ChangeTrace trace = ChangeTrace.forObject(context.job().id(), context.cycleId(), "Group", group.sourceId())
                .sourceDisplay(group.displayName()).targetId(group.targetId());
        if (!added.isEmpty()) {
            ScimResult result = context.scim().patch(ScimClient.GROUPS, group.targetId(),
                    patches.removeMembers(context.dialect(), added)).await().indefinitely();
            trace.action(ProvisioningAction.UPDATE);
            if (result instanceof ScimResult.Failure failure) {
                trace.failed(failure);
            } else {
                trace.modified("members", "-" + added.size() + " member(s) added in the target", null)
                        .step(StepType.EXPORT, "EntryExportUpdate", ProvisioningStatus.SUCCESS, "Removed "
                                + added.size() + " member(s) the target group gained behind the job's back");
            }
        }
        memberships.markExported(context.job().id(), group.sourceId(), removedSources, false).await().indefinitely();
        ChangeTrace done = synchronizer.reconcile(context, group, trace).await().indefinitely();
        if (done != null && (done.action() != null || !added.isEmpty())) {
            log.insert(done.toEntry()).await().indefinitely();
        }
        return describe(done == null ? trace : done);
    }

    /**
     * The orphans, a page at a time, each by its type's policy. Disables and deletes are all held when together they
     * are more than the job's deletion threshold (users and groups counted together, as the deletion guard does).
     */
    private void orphans(JobContext context, Report report, DriftDetector.Findings findings, BooleanSupplier running,
            Map<DriftKind, Integer> repaired) {
        RepairPolicies policies = report.policies();
        int destructive = (destructive(policies.orphans()) ? report.orphanUsers() : 0)
                + (destructive(policies.orphanGroups()) ? report.orphanGroups() : 0);
        int threshold = context.job().deletionThreshold();
        boolean hold = threshold > 0 && destructive > threshold;
        int after = -1;
        while (running.getAsBoolean()) {
            List<StoredDifference> page = repository.storedAfter(report.reconciliationId(), true, after, PAGE)
                    .await().indefinitely();
            List<StoredDifference> done = new ArrayList<>();
            for (StoredDifference stored : page) {
                if (!running.getAsBoolean()) {
                    break;
                }
                Difference d = stored.difference();
                OrphanPolicy policy = policies.orphanPolicy(d.objectType());
                String outcome;
                if (hold && destructive(policy)) {
                    outcome = "held: " + destructive + " orphan(s) to disable or delete are more than the job's "
                            + "deletion threshold (" + threshold + "); none was touched";
                } else {
                    try {
                        outcome = switch (policy) {
                            case LINK -> link(context, findings, d);
                            case DISABLE -> disable(context, d);
                            case DELETE -> delete(context, d);
                            case REPORT -> "reported (policy)";
                        };
                    } catch (RuntimeException e) {
                        outcome = "failed: " + e.getMessage();
                    }
                }
                done.add(withOutcome(stored, outcome));
                count(repaired, DriftKind.ORPHAN, outcome);
            }
            repository.recordOutcomes(report.reconciliationId(), done).await().indefinitely();
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    private static boolean destructive(OrphanPolicy policy) {
        return policy == OrphanPolicy.DISABLE || policy == OrphanPolicy.DELETE;
    }

    /**
     * Links an orphan to the one source object it matches when that one is in scope and not linked yet (read again
     * from the target, so the values held are those of now), then applies the object's newest state through the
     * pipeline: it is updated where it differs, never created again.
     */
    private String link(JobContext context, DriftDetector.Findings findings, Difference orphan) {
        boolean user = "User".equals(orphan.objectType());
        ObjectType type = user ? ObjectType.USER : ObjectType.GROUP;
        String noun = user ? "user" : "group";
        ScimResult read = context.scim().get(user ? ScimClient.USERS : ScimClient.GROUPS, orphan.targetId())
                .await().indefinitely();
        if (!(read instanceof ScimResult.Success found)) {
            return "not linked: the target " + noun + " could not be read again ("
                    + ((ScimResult.Failure) read).status() + ")";
        }
        Set<String> matches = (user ? findings.userMatcher() : findings.groupMatcher()).matches(found.body());
        String source = matches.size() == 1 ? matches.iterator().next() : null;
        AssignmentEvent event = source == null ? null
                : (user ? findings.newest().users() : findings.newest().groups()).get(source);
        Optional<ObjectLink> existing = source == null ? Optional.empty()
                : links.find(context.job().id(), type, source).await().indefinitely();
        if (event == null || existing.filter(DriftDetector::provisioned).isPresent()) {
            return "not linked: it matches no single source " + noun + " that is not linked yet";
        }
        Optional<MappingResult> mapped = Expectation.evaluate(context.job(), scope, context.environment(), event,
                false);
        Map<String, Object> held = ScimResourceReader.values(found.body(),
                mapped.map(m -> m.values().keySet()).orElse(Set.of()));
        String display = event instanceof UserAssignmentEvent u ? u.user().userPrincipalName()
                : ((GroupAssignmentEvent) event).group().displayName();
        ObjectLink link = new ObjectLink(context.job().id(), type, source, orphan.targetId(),
                Boolean.FALSE.equals(held.get("active")) ? LinkState.DISABLED : LinkState.ACTIVE, held,
                existing.map(ObjectLink::sourceVersion).orElse(0L), display);
        links.save(link).chain(() -> links.markForReevaluation(context.job().id(), type, source))
                .await().indefinitely();
        logDrift(context, orphan.objectType(), source, display, orphan.targetId(), List.of(orphan));
        ChangeOutcome outcome = dispatcher.dispatch(context, event).await().indefinitely();
        return "linked to source " + noun + " " + source + "; " + describe(outcome.trace());
    }

    private String disable(JobContext context, Difference orphan) {
        if (!"User".equals(orphan.objectType())) {
            return "not repaired: SCIM core groups have no active flag to disable";
        }
        ScimResult result = context.scim().patch(ScimClient.USERS, orphan.targetId(), patches.attributes(
                context.dialect(), List.of(new AttributeChange("active", null, false)))).await().indefinitely();
        return orphanAction(context, orphan, ProvisioningAction.DISABLE, result);
    }

    private String delete(JobContext context, Difference orphan) {
        boolean user = "User".equals(orphan.objectType());
        if (!user && !context.job().profile().canCreateAndDeleteGroups()) {
            return "not repaired: " + context.job().profile().name().toLowerCase(java.util.Locale.ROOT)
                    + " cannot delete groups through SCIM";
        }
        ScimResult result = context.scim().delete(user ? ScimClient.USERS : ScimClient.GROUPS, orphan.targetId())
                .await().indefinitely();
        return orphanAction(context, orphan, ProvisioningAction.DELETE, result);
    }

    private String orphanAction(JobContext context, Difference orphan, ProvisioningAction action, ScimResult result) {
        ChangeTrace trace = driftTrace(context, orphan.objectType(), "", orphan.displayName(), orphan.targetId(),
                List.of(orphan)).action(action);
        String verb = action == ProvisioningAction.DELETE ? "deleted" : "disabled";
        if (result instanceof ScimResult.Failure failure) {
            trace.failed(failure);
        } else {
            trace.step(StepType.EXPORT, action == ProvisioningAction.DELETE ? "EntryExportDelete"
                    : "EntryExportUpdate", ProvisioningStatus.SUCCESS, "The orphan target "
                    + orphan.objectType().toLowerCase(java.util.Locale.ROOT) + " " + orphan.targetId()
                    + " was " + verb);
        }
        log.insert(trace.toEntry()).await().indefinitely();
        return describe(trace);
    }

    /** The log entry saying why a fix follows: the reason "drift", and per difference the value found. */
    private void logDrift(JobContext context, String type, String sourceId, String display, String targetId,
            List<Difference> object) {
        log.insert(driftTrace(context, type, sourceId, display, targetId, object).action(ProvisioningAction.OTHER)
                .toEntry()).await().indefinitely();
    }

    private static ChangeTrace driftTrace(JobContext context, String type, String sourceId, String display,
            String targetId, List<Difference> object) {
        ChangeTrace trace = ChangeTrace.forObject(context.job().id(), context.cycleId(), type, sourceId)
                .sourceDisplay(display).targetId(targetId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", REASON);
        details.put("kind", object.get(0).kind().name());
        trace.step(StepType.PROCESSING, "EntryDriftFound", ProvisioningStatus.SUCCESS,
                "Reason: drift. " + summary(object), details);
        for (Difference d : object) {
            if (d.attribute() != null) {
                trace.modified(d.attribute(), d.found(), d.expected());
            }
        }
        return trace;
    }

    private static String summary(List<Difference> object) {
        Difference first = object.get(0);
        return switch (first.kind()) {
            case ATTRIBUTE, STATE -> "The target held other values than the directory's: " + String.join(", ",
                    object.stream().map(d -> d.attribute() + " was " + (d.found() == null ? "empty" : "\""
                            + d.found() + "\"")).toList());
            case MISSING -> "The linked target object " + first.targetId() + " was gone from the target";
            case ORPHAN -> "The target object " + first.targetId() + " was linked to no source object ("
                    + first.detail() + ")";
            case MEMBERSHIP -> object.size() + " member(s) of the target group changed behind the job's back";
        };
    }

    private static String describe(ChangeTrace trace) {
        if (trace == null) {
            return "repaired: nothing to send";
        }
        String action = trace.action() == null ? "no change" : trace.action().name();
        if (DeletionGuard.settling(trace)) {
            return "repaired (the disable or delete settles in the deletion guard before it goes out)";
        }
        if (trace.action() == ProvisioningAction.STAGED_DELETE) {
            return "not repaired: held by the deletion guard (see staged-deletions)";
        }
        return switch (trace.status()) {
            case SUCCESS -> "repaired (" + action + ")";
            case SKIPPED -> "not repaired: skipped by the pipeline";
            default -> "repair failed (" + action + "); see the provisioning log";
        };
    }

    /** A value found, as text, back to what the link holds (the active flag is a boolean). */
    private static Object value(String attribute, String text) {
        if (text == null) {
            return null;
        }
        if ("active".equalsIgnoreCase(attribute) && ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))) {
            return Boolean.parseBoolean(text);
        }
        return text;
    }
}
