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
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a job's target (users, then groups with their members) and compares it with what the directory says should
 * be there: each linked object with the values the mappings give today for its newest state, a value counting as
 * drift only when the target differs from that value and from the one the job last exported (a change the job has
 * not sent yet is not drift); the links whose target object is gone; the target objects no source object is linked
 * to, with the source object they would match; the members each linked group gained or lost in the target. Compares
 * page by page: each page's links are read from the database for that page, differences go to the sink as found, and
 * only the target ids of linked objects seen are kept (to find the missing ones). Blocks; run it on a worker thread.
 */
@ApplicationScoped
public class DriftDetector {

    static final int LINK_PAGE = 1000;

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

    /** The source objects a target object would match on the job's matching attributes. */
    public interface SourceMatcher {
        /** Source ids of the objects in scope whose matching values the target object {@code resource} holds. */
        Set<String> matches(JsonNode resource);
    }

    /** Compares the job's target with the directory; differences go to {@code sink} as found. */
    public Findings detect(JobDefinition job, ScimClient client, BooleanSupplier running, Progress progress,
            Consumer<Difference> sink) {
        progress.phase("reading the directory's newest state", 0, 0);
        DirectoryState.Newest newest = directory.read(job);
        EvaluationEnvironment environment = EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE)
                .withBudget(evaluation.budget());
        Side users = new Side(job, ObjectType.USER, newest.users(), environment);
        progress.phase("reading the target's users", 0, 0);
        int usersRead = pager.readAll(job, client, ObjectType.USER, running, page -> {
            users.compare(page, sink, (resource, link) -> { });
            progress.phase("reading the target's users", users.read, 0);
        });
        users.missing(sink);
        int groupsRead = 0;
        Side groups = new Side(job, ObjectType.GROUP, newest.groups(), environment);
        if (job.groups().enabled()) {
            progress.phase("reading the target's groups", usersRead, 0);
            groupsRead = pager.readAll(job, client, ObjectType.GROUP, running, page -> {
                groups.compare(page, sink, (resource, link) -> members(job, link, resource, sink));
                progress.phase("reading the target's groups", usersRead, groups.read);
            });
            groups.missing(sink);
        }
        progress.phase("compared", usersRead, groupsRead);
        return new Findings(usersRead, groupsRead, newest, users, groups);
    }

    /** Members the target group holds that the job did not put there, and members it put there that are gone. */
    private void members(JobDefinition job, ObjectLink group, JsonNode resource, Consumer<Difference> sink) {
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
        List<MembershipRow> rows = memberships.rows(job.id(), group.sourceId()).await().indefinitely();
        Map<String, String> targetBySource = new HashMap<>();
        links.findAll(job.id(), ObjectType.USER, rows.stream().map(MembershipRow::memberId).toList())
                .await().indefinitely().values().stream().filter(DriftDetector::provisioned)
                .forEach(link -> targetBySource.put(link.sourceId(), link.targetId()));
        Map<String, String> sourceByTarget = new HashMap<>();
        targetBySource.forEach((source, target) -> sourceByTarget.put(target, source));
        List<String> unknown = inTarget.stream().filter(member -> !sourceByTarget.containsKey(member)).toList();
        links.findProvisionedByTargets(job.id(), ObjectType.USER, unknown).await().indefinitely()
                .forEach((target, link) -> sourceByTarget.put(target, link.sourceId()));
        Set<String> exported = new TreeSet<>();
        Set<String> toAdd = new HashSet<>();
        for (MembershipRow row : rows) {
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

    /** What a reconciliation read, for repair: the directory's newest state and who an orphan would match. */
    public record Findings(int usersRead, int groupsRead, DirectoryState.Newest newest, SourceMatcher userMatcher,
            SourceMatcher groupMatcher) {
    }

    /**
     * One object type's comparison, a page at a time: the page's links read by target id, the target ids of linked
     * objects seen (for the missing ones), and orphan matching against an index of the source objects' matching values,
     * built the first time an orphan needs it.
     */
    private final class Side implements SourceMatcher {

        private final JobDefinition job;
        private final ObjectType type;
        private final String typeName;
        private final Map<String, AssignmentEvent> newest;
        private final EvaluationEnvironment environment;
        private final Set<String> seen = new HashSet<>();
        private final List<IndexedAttribute> matching;
        /** Normalised matching value (attribute, value) to the source ids that have it; null until first needed. */
        private Map<String, Set<String>> sourcesByValue;
        private int read;

        Side(JobDefinition job, ObjectType type, Map<String, AssignmentEvent> newest,
                EvaluationEnvironment environment) {
            this.job = job;
            this.type = type;
            this.typeName = type == ObjectType.USER ? "User" : "Group";
            this.newest = newest;
            this.environment = environment;
            this.matching = (type == ObjectType.USER ? job.userMappings() : job.groupMappings()).matchingAttributes()
                    .stream().map(attribute -> IndexedAttribute.of(attribute.target())).flatMap(Optional::stream)
                    .toList();
        }

        private Map<String, Set<String>> sourcesByValue() {
            if (sourcesByValue != null) {
                return sourcesByValue;
            }
            sourcesByValue = new HashMap<>();
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
            return sourcesByValue;
        }

        @Override
        public Set<String> matches(JsonNode resource) {
            Set<String> matches = new LinkedHashSet<>();
            for (IndexedAttribute attribute : matching) {
                for (String value : attribute.values(resource)) {
                    matches.addAll(sourcesByValue().getOrDefault(key(attribute, value), Set.of()));
                }
            }
            return matches;
        }

        /** Compares one page of target objects, in order, each linked one handed to {@code linked} after it. */
        void compare(List<JsonNode> page, Consumer<Difference> sink, BiConsumer<JsonNode, ObjectLink> linked) {
            List<String> ids = new ArrayList<>();
            for (JsonNode resource : page) {
                JsonNode id = resource.get("id");
                if (id != null && id.isValueNode()) {
                    ids.add(id.asText());
                }
            }
            Map<String, ObjectLink> byTarget = links.findProvisionedByTargets(job.id(), type, ids)
                    .await().indefinitely();
            for (JsonNode resource : page) {
                ObjectLink link = compare(resource, byTarget, sink);
                if (link != null) {
                    linked.accept(resource, link);
                }
            }
        }

        /** Compares one target object; answers its link when it has one. */
        private ObjectLink compare(JsonNode resource, Map<String, ObjectLink> byTarget, Consumer<Difference> sink) {
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
            Set<String> matches = matches(resource);
            if (type == ObjectType.GROUP && matches.isEmpty() && !job.groups().create()) {
                return; // a group the job neither creates nor matches is none of the directory's business
            }
            sink.accept(new Difference(DriftKind.ORPHAN, typeName, null, targetId, display(resource), null, null,
                    null, describe(matches), null));
        }

        private String describe(Set<String> matches) {
            if (matches.isEmpty()) {
                return "matches no source " + typeName.toLowerCase(java.util.Locale.ROOT);
            }
            Map<String, ObjectLink> linksBySource = links.findAll(job.id(), type, matches).await().indefinitely();
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

        /** The provisioned links whose target object was not seen, by source id, read from the database in pages. */
        void missing(Consumer<Difference> sink) {
            String after = "";
            while (true) {
                List<ObjectLink> page = links.provisionedPage(job.id(), type, after, LINK_PAGE).await().indefinitely();
                page.stream().filter(link -> !seen.contains(link.targetId()))
                        .forEach(link -> sink.accept(new Difference(DriftKind.MISSING, typeName, link.sourceId(),
                                link.targetId(), link.displayName(), null, null, null,
                                "linked (" + link.state() + ") but gone from the target", null)));
                if (page.size() < LINK_PAGE) {
                    return;
                }
                after = page.get(page.size() - 1).sourceId();
            }
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
