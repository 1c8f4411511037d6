package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.replay.PlannedChange;
import io.scimitar.provisioner.replay.PlannedChange.PlannedAction;
import io.scimitar.provisioner.targetindex.IndexHit;
import io.scimitar.provisioner.targetindex.IndexView;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import io.scimitar.provisioner.targetindex.TargetIndexRepository;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Counts a take-over over every user a dry run plans to create, as the dry run hands them over: each looked up in the
 * job's target index by the matching attributes in precedence order (the first that finds any target user decides,
 * as the job's matching does), {@link #BATCH} users per query; exact counts, {@link #SAMPLES} users of each kind kept
 * for display. Only the target ids matched are held, never the target's users. Not thread-safe: one dry run feeds it.
 */
final class TakeOverTally {

    static final int BATCH = 500;
    static final int SAMPLES = 20;

    private final TargetIndexRepository index;
    private final ObjectMapper json;
    private final IndexView view;
    private final List<IndexedAttribute> matching;
    private final List<PlannedChange> batch = new ArrayList<>();
    private final Set<String> matched = new HashSet<>();
    private final List<TakeOverSample> links = new ArrayList<>();
    private final List<TakeOverSample> updates = new ArrayList<>();
    private final List<TakeOverSample> creates = new ArrayList<>();
    private final List<TakeOverSample> duplicates = new ArrayList<>();
    private int link;
    private int linkAndUpdate;
    private int create;
    private int duplicate;

    TakeOverTally(TargetIndexRepository index, ObjectMapper json, IndexView view, List<IndexedAttribute> matching) {
        this.index = index;
        this.json = json;
        this.view = view;
        this.matching = matching;
    }

    /** Takes one planned change; a user to be created is counted when its batch is full. Blocks on the index. */
    void add(PlannedChange change) {
        if (!change.objectType().equals("User") || change.action() != PlannedAction.CREATE) {
            return;
        }
        batch.add(change);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    /** Counts the last batch and answers the preview. Blocks on the index. */
    TakeOverPreview finish(Map<PlannedAction, Integer> dryRunCounts) {
        flush();
        return new TakeOverPreview(TakeOverStatus.COUNTED, null, view.objects(), view.since(), link, linkAndUpdate,
                create, duplicate, view.objects() - matched.size(), dryRunCounts,
                new TakeOverSamples(links, updates, creates, duplicates), true);
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<String> attributes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        List<List<String>> held = new ArrayList<>();
        for (PlannedChange change : batch) {
            List<String> own = new ArrayList<>();
            for (IndexedAttribute attribute : matching) {
                Object value = newValue(change, attribute.target());
                String normalised = value == null ? null : attribute.normalise(value);
                own.add(normalised);
                if (normalised != null && asked.add(attribute.target() + '\u0000' + normalised)) {
                    attributes.add(attribute.target());
                    values.add(normalised);
                }
            }
            held.add(own);
        }
        // attribute -> value -> target id -> resource
        Map<String, Map<String, Map<String, String>>> found = new HashMap<>();
        if (!attributes.isEmpty()) {
            for (IndexHit hit : index.lookup(view.readId(), attributes, values).await().indefinitely()) {
                found.computeIfAbsent(hit.attribute(), key -> new HashMap<>())
                        .computeIfAbsent(hit.value(), key -> new LinkedHashMap<>())
                        .putIfAbsent(hit.targetId(), hit.resource());
            }
        }
        for (int c = 0; c < batch.size(); c++) {
            count(batch.get(c), held.get(c), found);
        }
        batch.clear();
    }

    private void count(PlannedChange change, List<String> held, Map<String, Map<String, Map<String, String>>> found) {
        Map<String, String> hits = Map.of();
        String matchedOn = null;
        for (int i = 0; i < matching.size() && hits.isEmpty(); i++) {
            if (held.get(i) != null) {
                matchedOn = matching.get(i).target();
                hits = found.getOrDefault(matchedOn, Map.of()).getOrDefault(held.get(i), Map.of());
            }
        }
        if (hits.isEmpty()) {
            create++;
            sample(creates, change, null, List.of(), List.of());
        } else if (hits.size() > 1) {
            duplicate++;
            sample(duplicates, change, matchedOn, List.copyOf(hits.keySet()), List.of());
        } else {
            Map.Entry<String, String> hit = hits.entrySet().iterator().next();
            matched.add(hit.getKey());
            List<String> differing = differing(change, parse(hit.getValue()));
            if (differing.isEmpty()) {
                link++;
                sample(links, change, matchedOn, List.of(hit.getKey()), differing);
            } else {
                linkAndUpdate++;
                sample(updates, change, matchedOn, List.of(hit.getKey()), differing);
            }
        }
    }

    private static void sample(List<TakeOverSample> kind, PlannedChange change, String matchedOn,
            List<String> targetIds, List<String> differing) {
        if (kind.size() < SAMPLES) {
            kind.add(new TakeOverSample(change.sourceId(), change.sourceDisplay(), matchedOn, targetIds, differing));
        }
    }

    private static Object newValue(PlannedChange change, String target) {
        return change.values().stream().filter(value -> value.displayName().equals(target)).findFirst()
                .map(ModifiedProperty::newValue).orElse(null);
    }

    /** The mapped values the target can be compared on that are not what the target user holds. */
    private static List<String> differing(PlannedChange change, JsonNode resource) {
        List<String> differing = new ArrayList<>();
        for (ModifiedProperty value : change.values()) {
            Optional<IndexedAttribute> attribute = IndexedAttribute.of(value.displayName());
            if (attribute.isPresent() && value.newValue() != null
                    && !attribute.get().values(resource).contains(attribute.get().normalise(value.newValue()))) {
                differing.add(value.displayName());
            }
        }
        return differing;
    }

    private JsonNode parse(String resource) {
        try {
            return json.readTree(resource);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
