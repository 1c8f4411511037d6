package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.membership.MembershipRow;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.UniquenessCheck;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import io.scimitar.provisioner.rules.mapping.MatchingValue;
import io.scimitar.provisioner.scim.AttributeDiff;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.scope.ScopeEvaluator;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a job's target (users, then groups with their members) and compares it with what the directory says should
 * be there: each linked object with the values the mappings give today for its newest state, a value counting as
 * drift only when the target differs from that value and from the one the job last exported (a change the job has
 * not sent yet is not drift); the links whose target object is gone; the target objects no source object is linked
 * to, with the source object they would match; the members each linked group gained or lost in the target. Blocks;
 * run it on a worker thread.
 */
@ApplicationScoped
public class DriftDetector {

    private final LinkRepository links;
    private final MembershipRepository memberships;
    private final DirectoryState directory;
    private final TargetPager pager;
    private final ScopeEvaluator scope;
    private final EvaluationSettings evaluation;

    public DriftDetector(LinkRepository links, MembershipRepository memberships, DirectoryState directory,
            TargetPager pager, ScopeEvaluator scope, EvaluationSettings evaluation) {
        this.links = links;
        this.memberships = memberships;
        this.directory = directory;
        this.pager = pager;
        this.scope = scope;
        this.evaluation = evaluation;
    }

    /** What a reconciliation reports as it goes: the phase and objects read. */
    public interface Progress {
        void phase(String phase, int usersRead, int groupsRead);
    }

    /** Compares the job's target with the directory; differences go to {@code sink} as found. */
    public Findings detect(JobDefinition job, ScimClient client, BooleanSupplier running, Progress progress,
            Consumer<Difference> sink) {
        progress.phase("reading the directory's newest state", 0, 0);
        DirectoryState.Newest newest = directory.read(job);
        EvaluationEnvironment environment = EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE)
                .withBudget(evaluation.budget());
        Map<String, ObjectLink> userLinks = links.all(job.id(), ObjectType.USER).await().indefinitely();
        Side users = new Side(job, ObjectType.USER, userLinks, newest.users(), environment);
        progress.phase("reading the target's users", 0, 0);
        int usersRead = pager.readAll(job, client, ObjectType.USER, running, page -> {
            page.forEach(resource -> users.compare(resource, sink));
            progress.phase("reading the target's users", users.read, 0);
        });
        users.missing(sink);
        int groupsRead = 0;
        Map<String, ObjectLink> groupLinks = Map.of();
        if (job.groups().enabled()) {
            groupLinks = links.all(job.id(), ObjectType.GROUP).await().indefinitely();
            Side groups = new Side(job, ObjectType.GROUP, groupLinks, newest.groups(), environment);
            Map<String, String> sourceByTargetUser = new HashMap<>();
            Map<String, String> targetBySourceUser = new HashMap<>();
            userLinks.values().stream().filter(DriftDetector::provisioned).forEach(link -> {
                sourceByTargetUser.put(link.targetId(), link.sourceId());
                targetBySourceUser.put(link.sourceId(), link.targetId());
            });
            progress.phase("reading the target's groups", usersRead, 0);
            groupsRead = pager.readAll(job, client, ObjectType.GROUP, running, page -> {
                for (JsonNode resource : page) {
                    ObjectLink link = groups.compare(resource, sink);
                    if (link != null) {
                        members(job, link, resource, sourceByTargetUser, targetBySourceUser, sink);
                    }
                }
                progress.phase("reading the target's groups", usersRead, groups.read);
            });
            groups.missing(sink);
        }
        progress.phase("compared", usersRead, groupsRead);
        return new Findings(usersRead, groupsRead, newest, userLinks, groupLinks, users.orphans, users.linkable);
    }

    /** Members the target group holds that the job did not put there, and members it put there that are gone. */
    private void members(JobDefinition job, ObjectLink group, JsonNode resource, Map<String, String> sourceByTarget,
            Map<String, String> targetBySource, Consumer<Difference> sink) {
        Set<String> inTarget = new TreeSet<>();
        JsonNode members = field(resource, "members");
        if (members != null && members.isArray()) {
            members.forEach(member -> {
                JsonNode value = field(member, "value");
                if (value != null && value.isValueNode()) {
                    inTarget.add(value.asText());
                }
            });
        }
        Set<String> exported = new TreeSet<>();
        Set<String> toAdd = new HashSet<>();
        for (MembershipRow row : memberships.rows(job.id(), group.sourceId()).await().indefinitely()) {
            String target = targetBySource.get(row.memberId());
            if (row.exported() && target != null) {
                exported.add(target);
            } else if (row.sourceMember() && target != null) {
                toAdd.add(target);
            }
        }
        for (String member : inTarget) {
            // a source member the job has still to add is no drift when the target already holds it
            if (!exported.contains(member) && !toAdd.contains(member)) {
                String source = sourceByTarget.get(member);
                sink.accept(new Difference(DriftKind.MEMBERSHIP, "Group", group.sourceId(), group.targetId(),
                        group.displayName(), "members", null, member, "added in the target" + (source == null
                        ? " (a target user no source user is linked to)" : " (source user " + source + ")"), null));
            }
        }
        for (String member : exported) {
            if (!inTarget.contains(member)) {
                sink.accept(new Difference(DriftKind.MEMBERSHIP, "Group", group.sourceId(), group.targetId(),
                        group.displayName(), "members", member, null, "removed in the target (source user "
                        + sourceByTarget.get(member) + ")", null));
            }
        }
    }

    static boolean provisioned(ObjectLink link) {
        return link.targetId() != null && (link.state() == LinkState.ACTIVE || link.state() == LinkState.DISABLED);
    }

    /** What a reconciliation read, for repair. */
    public record Findings(int usersRead, int groupsRead, DirectoryState.Newest newest,
            Map<String, ObjectLink> userLinks, Map<String, ObjectLink> groupLinks, Map<String, JsonNode> orphanUsers,
            Map<String, String> linkableOrphans) {
    }

    /** One object type's comparison: links by target id, the target objects seen, and orphan matching. */
    private final class Side {

        private final JobDefinition job;
        private final ObjectType type;
        private final String typeName;
        private final Map<String, ObjectLink> byTarget = new HashMap<>();
        private final Map<String, AssignmentEvent> newest;
        private final EvaluationEnvironment environment;
        private final Set<String> seen = new HashSet<>();
        private final List<IndexedAttribute> matching;
        /** Normalised matching value (attribute, value) to the source ids that have it. */
        private final Map<String, Set<String>> sourcesByValue = new HashMap<>();
        private final Map<String, ObjectLink> linksBySource;
        /** Orphans that match exactly one source object not linked yet: target id to source id. */
        private final Map<String, String> linkable = new HashMap<>();
        private final Map<String, JsonNode> orphans = new HashMap<>();
        private int read;

        Side(JobDefinition job, ObjectType type, Map<String, ObjectLink> links, Map<String, AssignmentEvent> newest,
                EvaluationEnvironment environment) {
            this.job = job;
            this.type = type;
            this.typeName = type == ObjectType.USER ? "User" : "Group";
            this.newest = newest;
            this.environment = environment;
            this.linksBySource = links;
            links.values().stream().filter(DriftDetector::provisioned).forEach(l -> byTarget.put(l.targetId(), l));
            this.matching = (type == ObjectType.USER ? job.userMappings() : job.groupMappings()).matchingAttributes()
                    .stream().map(attribute -> IndexedAttribute.of(attribute.target())).flatMap(Optional::stream)
                    .toList();
            indexSources();
        }

        private void indexSources() {
            for (AssignmentEvent event : newest.values()) {
                if (!Expectation.shouldExist(job, scope, event)) {
                    continue;
                }
                Optional<MappingResult> mapped = Expectation.evaluate(job, scope, environment, event, true);
                if (mapped.isEmpty()) {
                    continue;
                }
                for (MatchingValue value : mapped.get().matchingValues()) {
                    IndexedAttribute.of(value.target()).ifPresent(attribute -> sourcesByValue
                            .computeIfAbsent(key(attribute, attribute.normalise(value.value())),
                                    k -> new LinkedHashSet<>()).add(event.objectId()));
                }
            }
        }

        /** Compares one target object; answers its link when it has one. */
        ObjectLink compare(JsonNode resource, Consumer<Difference> sink) {
            read++;
            JsonNode id = resource.get("id");
            if (id == null || !id.isValueNode()) {
                return null;
            }
            String targetId = id.asText();
            ObjectLink link = byTarget.get(targetId);
            if (link == null) {
                orphan(targetId, resource, sink);
                return null;
            }
            seen.add(targetId);
            Expectation expected = Expectation.of(job, scope, environment, link, newest.get(link.sourceId()));
            Set<String> paths = new LinkedHashSet<>(expected.values().keySet());
            Map<String, Object> found = ScimResourceReader.values(resource, paths);
            for (var change : AttributeDiff.changes(expected.values(), found)) {
                Object exported = link.exported().get(change.path());
                if (exported != null && AttributeDiff.changes(Map.of(change.path(), exported), found).isEmpty()) {
                    continue; // the target holds what the job last sent: a change still to go, not drift
                }
                boolean redacted = expected.redacted().contains(change.path());
                sink.accept(new Difference("active".equalsIgnoreCase(change.path()) ? DriftKind.STATE
                        : DriftKind.ATTRIBUTE, typeName, link.sourceId(), targetId, link.displayName(),
                        change.path(), text(change.newValue(), redacted), text(change.oldValue(), redacted), null,
                        null));
            }
            return link;
        }

        private void orphan(String targetId, JsonNode resource, Consumer<Difference> sink) {
            Set<String> matches = new LinkedHashSet<>();
            for (IndexedAttribute attribute : matching) {
                for (String value : attribute.values(resource)) {
                    matches.addAll(sourcesByValue.getOrDefault(key(attribute, value), Set.of()));
                }
            }
            if (type == ObjectType.GROUP && matches.isEmpty() && !job.groups().create()) {
                return; // a group the job neither creates nor matches is none of the directory's business
            }
            String display = display(resource);
            orphans.put(targetId, resource);
            if (matches.size() == 1) {
                String source = matches.iterator().next();
                ObjectLink link = linksBySource.get(source);
                if (link == null || !provisioned(link)) {
                    linkable.put(targetId, source);
                }
            }
            sink.accept(new Difference(DriftKind.ORPHAN, typeName, null, targetId, display, null, null, null,
                    describe(matches), null));
        }

        private String describe(Set<String> matches) {
            if (matches.isEmpty()) {
                return "matches no source " + typeName.toLowerCase(java.util.Locale.ROOT);
            }
            List<String> parts = new ArrayList<>();
            for (String source : matches) {
                ObjectLink link = linksBySource.get(source);
                parts.add(link != null && provisioned(link)
                        ? source + " (already linked to target " + link.targetId() + ")"
                        : source + " (not linked)");
            }
            return "would match source " + typeName.toLowerCase(java.util.Locale.ROOT) + " "
                    + String.join(", ", parts);
        }

        void missing(Consumer<Difference> sink) {
            byTarget.values().stream().filter(link -> !seen.contains(link.targetId()))
                    .sorted(java.util.Comparator.comparing(ObjectLink::sourceId))
                    .forEach(link -> sink.accept(new Difference(DriftKind.MISSING, typeName, link.sourceId(),
                            link.targetId(), link.displayName(), null, null, null,
                            "linked (" + link.state() + ") but gone from the target", null)));
        }

        private String display(JsonNode resource) {
            for (String field : List.of("userName", "displayName")) {
                JsonNode value = field(resource, field);
                if (value != null && value.isValueNode()) {
                    return value.asText();
                }
            }
            return null;
        }

        private static String key(IndexedAttribute attribute, String value) {
            return attribute.target() + "\u0000" + value;
        }
    }

    /** A field by name, ignoring case as SCIM attribute names do. */
    static JsonNode field(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode exact = parent.get(name);
        if (exact != null) {
            return exact;
        }
        for (var it = parent.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String text(Object value, boolean redacted) {
        if (value == null) {
            return null;
        }
        return redacted ? ExpressionResult.REDACTED_TEXT : String.valueOf(value);
    }
}
