package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.provisioner.deletions.DeletionGuard;
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
import java.util.function.BooleanSupplier;

/**
 * Repair mode: sets each difference right as the reconciliation's policies say, through the job's own pipeline where
 * the directory has a state for the object: the link is first told what the target holds (the values found, the
 * active flag found, or no target object at all), then the object's newest event is applied again, so scoping,
 * mappings, rate limits, escrow and the deletion guard decide and the provisioning log records the change (its old
 * values being the ones found). Members are set right by the membership rule; orphans are linked, disabled or deleted
 * within the job's deletion threshold. Each fix is also logged with the reason "drift" and the value found. Blocks.
 */
@ApplicationScoped
public class DriftRepairer {

    static final String REASON = "drift";

    private final LinkRepository links;
    private final MembershipRepository memberships;
    private final MembershipSynchronizer synchronizer;
    private final EventDispatcher dispatcher;
    private final ProvisioningLogRepository log;
    private final ScimPatchWriter patches;
    private final ScopeEvaluator scope;

    public DriftRepairer(LinkRepository links, MembershipRepository memberships, MembershipSynchronizer synchronizer,
            EventDispatcher dispatcher, ProvisioningLogRepository log, ObjectMapper json, ScopeEvaluator scope) {
        this.links = links;
        this.memberships = memberships;
        this.synchronizer = synchronizer;
        this.dispatcher = dispatcher;
        this.log = log;
        this.patches = new ScimPatchWriter(json);
        this.scope = scope;
    }

    /** Repairs what the policies say; answers the differences with their outcome, in the same order. */
    public List<Difference> repair(JobContext context, RepairPolicies policies, DriftDetector.Findings findings,
            List<Difference> differences, BooleanSupplier running) {
        Map<String, List<Integer>> byObject = new LinkedHashMap<>();
        List<Difference> result = new ArrayList<>(differences);
        List<Integer> orphans = new ArrayList<>();
        for (int i = 0; i < differences.size(); i++) {
            Difference d = differences.get(i);
            if (!policies.repairs(d.kind())) {
                result.set(i, d.withOutcome("reported (policy)"));
            } else if (d.kind() == DriftKind.ORPHAN) {
                orphans.add(i);
            } else {
                byObject.computeIfAbsent(d.objectType() + "/" + d.sourceId(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> positions : byObject.values()) {
            if (!running.getAsBoolean()) {
                break;
            }
            List<Difference> object = positions.stream().map(differences::get).toList();
            String outcome;
            try {
                outcome = object.get(0).kind() == DriftKind.MEMBERSHIP ? members(context, findings, object)
                        : object(context, findings, object);
            } catch (RuntimeException e) {
                outcome = "failed: " + e.getMessage();
            }
            for (int position : positions) {
                result.set(position, differences.get(position).withOutcome(outcome));
            }
        }
        orphans(context, policies.orphans(), findings, differences, orphans, result, running);
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).outcome() == null) {
                result.set(i, result.get(i).withOutcome("not repaired: cancelled"));
            }
        }
        return result;
    }

    /** Attribute, state or missing drift of one object: the link learns what the target holds, the event goes again. */
    private String object(JobContext context, DriftDetector.Findings findings, List<Difference> object) {
        Difference first = object.get(0);
        boolean user = "User".equals(first.objectType());
        ObjectType type = user ? ObjectType.USER : ObjectType.GROUP;
        ObjectLink link = (user ? findings.userLinks() : findings.groupLinks()).get(first.sourceId());
        AssignmentEvent event = (user ? findings.newest().users() : findings.newest().groups()).get(first.sourceId());
        if (link == null || !(event instanceof UserAssignmentEvent || event instanceof GroupAssignmentEvent)) {
            return "not repaired: the directory has no current state of the object";
        }
        ObjectLink told;
        if (first.kind() == DriftKind.MISSING) {
            told = new ObjectLink(link.jobId(), type, link.sourceId(), null, LinkState.NOT_PROVISIONED, Map.of(),
                    link.sourceVersion(), link.displayName());
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
                    link.sourceVersion(), link.displayName());
        }
        links.save(told).chain(() -> links.markForReevaluation(context.job().id(), type, link.sourceId()))
                .await().indefinitely();
        logDrift(context, first.objectType(), link.sourceId(), link.displayName(), link.targetId(), object);
        ChangeOutcome outcome = dispatcher.dispatch(context, event).await().indefinitely();
        return describe(outcome.trace());
    }

    /** A group's members: those removed in the target are added again by the rule, those added are removed. */
    private String members(JobContext context, DriftDetector.Findings findings, List<Difference> object) {
        Difference first = object.get(0);
        ObjectLink group = findings.groupLinks().get(first.sourceId());
        if (group == null) {
            return "not repaired: the group is no longer linked";
        }
        Map<String, String> sourceByTarget = new HashMap<>();
        findings.userLinks().values().stream().filter(DriftDetector::provisioned)
                .forEach(l -> sourceByTarget.put(l.targetId(), l.sourceId()));
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

    private void orphans(JobContext context, OrphanPolicy policy, DriftDetector.Findings findings,
            List<Difference> differences, List<Integer> positions, List<Difference> result,
            BooleanSupplier running) {
        int threshold = context.job().deletionThreshold();
        boolean destructive = policy == OrphanPolicy.DISABLE || policy == OrphanPolicy.DELETE;
        List<Integer> users = positions.stream().filter(i -> "User".equals(differences.get(i).objectType())).toList();
        for (int i : positions) {
            if (!"User".equals(differences.get(i).objectType())) {
                result.set(i, differences.get(i).withOutcome("reported: orphan groups are left to an administrator"));
            }
        }
        if (destructive && threshold > 0 && users.size() > threshold) {
            String held = "held: " + users.size() + " orphan(s) to " + policy.name().toLowerCase(java.util.Locale.ROOT)
                    + " are more than the job's deletion threshold (" + threshold + "); none was touched";
            users.forEach(i -> result.set(i, differences.get(i).withOutcome(held)));
            return;
        }
        for (int i : users) {
            if (!running.getAsBoolean()) {
                return;
            }
            Difference d = differences.get(i);
            String outcome;
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
            result.set(i, d.withOutcome(outcome));
        }
    }

    private String link(JobContext context, DriftDetector.Findings findings, Difference orphan) {
        String source = findings.linkableOrphans().get(orphan.targetId());
        JsonNode resource = findings.orphanUsers().get(orphan.targetId());
        AssignmentEvent event = source == null ? null : findings.newest().users().get(source);
        if (!(event instanceof UserAssignmentEvent user) || resource == null) {
            return "not linked: it matches no single source user that is not linked yet";
        }
        EvaluationEnvironment environment = context.environment();
        Optional<MappingResult> mapped = Expectation.evaluate(context.job(), scope, environment, user, false);
        Map<String, Object> held = ScimResourceReader.values(resource,
                mapped.map(m -> m.values().keySet()).orElse(java.util.Set.of()));
        Object active = held.get("active");
        ObjectLink existing = findings.userLinks().get(source);
        ObjectLink link = new ObjectLink(context.job().id(), ObjectType.USER, source, orphan.targetId(),
                Boolean.FALSE.equals(active) ? LinkState.DISABLED : LinkState.ACTIVE, held,
                existing == null ? 0 : existing.sourceVersion(), user.user().userPrincipalName());
        links.save(link).chain(() -> links.markForReevaluation(context.job().id(), ObjectType.USER, source))
                .await().indefinitely();
        logDrift(context, "User", source, user.user().userPrincipalName(), orphan.targetId(), List.of(orphan));
        ChangeOutcome outcome = dispatcher.dispatch(context, event).await().indefinitely();
        return "linked to source user " + source + "; " + describe(outcome.trace());
    }

    private String disable(JobContext context, Difference orphan) {
        ScimResult result = context.scim().patch(ScimClient.USERS, orphan.targetId(), patches.attributes(
                context.dialect(), List.of(new AttributeChange("active", null, false)))).await().indefinitely();
        return orphanAction(context, orphan, ProvisioningAction.DISABLE, result);
    }

    private String delete(JobContext context, Difference orphan) {
        ScimResult result = context.scim().delete(ScimClient.USERS, orphan.targetId()).await().indefinitely();
        return orphanAction(context, orphan, ProvisioningAction.DELETE, result);
    }

    private String orphanAction(JobContext context, Difference orphan, ProvisioningAction action, ScimResult result) {
        ChangeTrace trace = driftTrace(context, "User", "", orphan.displayName(), orphan.targetId(), List.of(orphan))
                .action(action);
        String verb = action == ProvisioningAction.DELETE ? "deleted" : "disabled";
        if (result instanceof ScimResult.Failure failure) {
            trace.failed(failure);
        } else {
            trace.step(StepType.EXPORT, action == ProvisioningAction.DELETE ? "EntryExportDelete"
                    : "EntryExportUpdate", ProvisioningStatus.SUCCESS, "The orphan target user " + orphan.targetId()
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

    /** Counts per kind of the differences repaired. */
    static Map<DriftKind, Integer> repaired(List<Difference> differences) {
        Map<DriftKind, Integer> counts = new EnumMap<>(DriftKind.class);
        differences.stream().filter(d -> d.outcome() != null && (d.outcome().startsWith("repaired")
                        || d.outcome().startsWith("linked")))
                .forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
        return counts;
    }
}
