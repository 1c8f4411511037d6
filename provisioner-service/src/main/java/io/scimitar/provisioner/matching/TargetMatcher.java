package io.scimitar.provisioner.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.rules.mapping.MatchingValue;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimFilter;
import io.scimitar.provisioner.scim.ScimResourceReader;
import io.scimitar.provisioner.scim.ScimResult;
import io.scimitar.provisioner.targetindex.IndexHit;
import io.scimitar.provisioner.targetindex.IndexView;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import io.scimitar.provisioner.targetindex.IndexLookups;
import io.scimitar.provisioner.targetindex.TargetIndexes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the target object of a source object: the stored link first; otherwise each matching attribute in precedence
 * order, stopping at the first hit, as Entra does. Where the job's target index is complete and covers the attribute
 * (read when the job started, {@code targetindex}), the attribute is looked up there; otherwise, as Entra always
 * does, a filter query asks the target.
 */
@ApplicationScoped
public class TargetMatcher {

    private final TargetIndexes indexes;
    private final IndexLookups index;
    private final ObjectMapper json;
    private final CaseInsensitiveLookup caseInsensitive;

    public TargetMatcher(TargetIndexes indexes, IndexLookups index, ObjectMapper json,
            CaseInsensitiveLookup caseInsensitive) {
        this.indexes = indexes;
        this.index = index;
        this.json = json;
        this.caseInsensitive = caseInsensitive;
    }

    /**
     * @param createFollows whether a miss is followed by a create: only then is the index trusted when it holds no
     *                      object for a value, since the target refuses the create of an object created there after
     *                      the read (and the refusal leads to {@link #matchByQuery}); otherwise (Create off, Miro
     *                      teams, a disabled user to be found) a miss is confirmed by a filter query
     */
    public Uni<MatchResult> match(UUID jobId, ScimClient client, ObjectType type, Optional<ObjectLink> link,
            List<MatchingValue> matchingValues, boolean createFollows) {
        if (link.isPresent() && link.get().targetId() != null && link.get().state() != LinkState.DELETED) {
            return Uni.createFrom().item(new MatchResult.Linked(link.get().targetId()));
        }
        if (matchingValues.isEmpty()) {
            return Uni.createFrom().item(new MatchResult.NoMatchingValue());
        }
        Optional<IndexView> view = indexes.view(jobId, type)
                .filter(v -> matchingValues.stream().anyMatch(value -> v.covers(value.target())));
        if (view.isEmpty()) {
            return query(client, type, matchingValues, 0, Map.of(), null, false);
        }
        List<String> attributes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (MatchingValue value : matchingValues) {
            if (view.get().covers(value.target())) {
                attributes.add(value.target());
                values.add(IndexedAttribute.of(value.target()).orElseThrow().normalise(value.value()));
            }
        }
        // an index that read no object holds none: nothing to ask PostgreSQL (a first sync into an empty target)
        Uni<List<IndexHit>> lookup = view.get().objects() == 0 ? Uni.createFrom().item(List.of())
                : index.lookup(view.get().readId(), attributes, values);
        return lookup
                .chain(hits -> query(client, type, matchingValues, 0, byAttribute(hits), view.get(),
                        createFollows));
    }

    /**
     * Whether {@link #match} would answer without asking the target: the index is complete and covers every one
     * of {@code matchingValues}.
     */
    public boolean answersLocally(UUID jobId, ObjectType type, List<MatchingValue> matchingValues) {
        return !matchingValues.isEmpty() && indexes.view(jobId, type)
                .map(view -> matchingValues.stream().allMatch(value -> view.covers(value.target())))
                .orElse(false);
    }

    /**
     * After a create the target refused as a duplicate: the object was created in the target after the job read it,
     * so the index cannot know it; filter queries find it.
     */
    public Uni<MatchResult> matchByQuery(ScimClient client, ObjectType type, List<MatchingValue> matchingValues) {
        if (matchingValues.isEmpty()) {
            return Uni.createFrom().item(new MatchResult.NoMatchingValue());
        }
        return query(client, type, matchingValues, 0, Map.of(), null, false);
    }

    /**
     * Matches an object whose linked target object answered 404, as an unlinked one; but an index entry naming the
     * gone object (read before it went, e.g. before the target lost its data) is not trusted: a filter query asks the
     * target instead.
     */
    public Uni<MatchResult> matchAgain(UUID jobId, ScimClient client, ObjectType type, String goneTargetId,
            List<MatchingValue> matchingValues, boolean createFollows) {
        return match(jobId, client, type, Optional.empty(), matchingValues, createFollows)
                .chain(match -> match instanceof MatchResult.Matched matched
                        && matched.targetId().equals(goneTargetId)
                        ? matchByQuery(client, type, matchingValues) : Uni.createFrom().item(match));
    }

    /**
     * After a create the target refused as a duplicate, found at once rather than retried hours later: a filter query
     * first ({@link #matchByQuery}); when it finds nothing (the target's filter may compare case-sensitively, where
     * RFC 7643 wants {@code userName} compared without case), the job's complete target index, which holds the
     * values case-folded; and when the index does not know the object either (created after the read) or the job has
     * none, the target's objects read now in pages and compared case-insensitively ({@link CaseInsensitiveLookup}).
     * A {@link MatchResult.Matched} found locally carries the value as the target holds it.
     */
    public Uni<MatchResult> matchAfterRefusedCreate(UUID jobId, ScimClient client, ObjectType type,
            ConnectorProfile profile, List<MatchingValue> matchingValues) {
        return matchByQuery(client, type, matchingValues).chain(byQuery -> {
            if (!(byQuery instanceof MatchResult.NotFound)) {
                return Uni.createFrom().item(byQuery);
            }
            return inIndex(jobId, type, matchingValues).chain(inIndex -> inIndex.isPresent()
                    ? Uni.createFrom().item(inIndex.get())
                    : caseInsensitive.find(client, type, profile, matchingValues));
        });
    }

    /** The first matching value the complete index holds (case-folded), if any. */
    private Uni<Optional<MatchResult>> inIndex(UUID jobId, ObjectType type, List<MatchingValue> matchingValues) {
        Optional<IndexView> view = indexes.view(jobId, type);
        List<MatchingValue> covered = view.isEmpty() ? List.of()
                : matchingValues.stream().filter(value -> view.get().covers(value.target())).toList();
        if (covered.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        List<String> attributes = covered.stream().map(MatchingValue::target).toList();
        List<String> values = covered.stream()
                .map(value -> IndexedAttribute.of(value.target()).orElseThrow().normalise(value.value())).toList();
        return index.lookup(view.get().readId(), attributes, values).map(hits -> {
            Map<String, Map<String, String>> found = byAttribute(hits);
            for (MatchingValue value : covered) {
                Map<String, String> local = found.getOrDefault(value.target(), Map.of());
                if (local.size() > 1) {
                    return Optional.of(new MatchResult.Duplicate(value.target(), value.value(), local.size()));
                }
                if (local.size() == 1) {
                    Map.Entry<String, String> hit = local.entrySet().iterator().next();
                    JsonNode resource = parse(hit.getValue());
                    Object held = ScimResourceReader.values(resource, java.util.Set.of(value.target()))
                            .getOrDefault(value.target(), value.value());
                    return Optional.of(new MatchResult.Matched(hit.getKey(), value.target(), held, resource));
                }
            }
            return Optional.empty();
        });
    }

    /** Whether a failed create means the target already holds an object with the same unique value. */
    public static boolean alreadyExists(ScimResult result) {
        if (!(result instanceof ScimResult.Failure failure)) {
            return false;
        }
        String detail = failure.detail() == null ? "" : failure.detail().toLowerCase(java.util.Locale.ROOT);
        return (failure.status() == 409 && "uniqueness".equalsIgnoreCase(failure.scimType()))
                || (failure.status() == 400 && "invalidValue".equalsIgnoreCase(failure.scimType())
                        && detail.contains("not unique"));
    }

    private Uni<MatchResult> query(ScimClient client, ObjectType type, List<MatchingValue> values, int index,
            Map<String, Map<String, String>> hits, IndexView view, boolean trustMisses) {
        if (index >= values.size()) {
            String tried = String.join(", ", values.stream().map(v -> ScimFilter.eq(v.target(), v.value())
                    + (trustMisses && view.covers(v.target()) ? " among the " + view.objects() + " read at the "
                    + "job's start" : "")).toList());
            return Uni.createFrom().item(new MatchResult.NotFound(tried));
        }
        MatchingValue value = values.get(index);
        Map<String, String> local = view != null && view.covers(value.target())
                ? hits.getOrDefault(value.target(), Map.of()) : null;
        if (local != null && (trustMisses || !local.isEmpty())) {
            if (local.size() > 1) {
                return Uni.createFrom().item(new MatchResult.Duplicate(value.target(), value.value(), local.size()));
            }
            if (local.size() == 1) {
                Map.Entry<String, String> hit = local.entrySet().iterator().next();
                return Uni.createFrom().item(new MatchResult.Matched(hit.getKey(), value.target(), value.value(),
                        parse(hit.getValue())));
            }
            return query(client, type, values, index + 1, hits, view, trustMisses);
        }
        return client.query(type.scimResourceType(), ScimFilter.eq(value.target(), value.value()))
                .chain(result -> {
                    if (result instanceof ScimResult.Failure failure) {
                        return Uni.createFrom().item(new MatchResult.Failed(failure));
                    }
                    List<JsonNode> found = ScimClient.resources((ScimResult.Success) result);
                    if (found.size() > 1) {
                        return Uni.createFrom().item(new MatchResult.Duplicate(value.target(), value.value(),
                                found.size()));
                    }
                    if (found.size() == 1) {
                        JsonNode resource = found.get(0);
                        return Uni.createFrom().item(new MatchResult.Matched(resource.path("id").asText(),
                                value.target(), value.value(), resource));
                    }
                    return query(client, type, values, index + 1, hits, view, trustMisses);
                });
    }

    /** Target ids and resources by attribute, each target once. */
    private static Map<String, Map<String, String>> byAttribute(List<IndexHit> hits) {
        Map<String, Map<String, String>> grouped = new LinkedHashMap<>();
        hits.forEach(hit -> grouped.computeIfAbsent(hit.attribute(), a -> new LinkedHashMap<>())
                .putIfAbsent(hit.targetId(), hit.resource()));
        return grouped;
    }

    private JsonNode parse(String resource) {
        try {
            return json.readTree(resource);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
