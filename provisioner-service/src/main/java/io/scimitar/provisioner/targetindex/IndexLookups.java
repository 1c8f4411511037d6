package io.scimitar.provisioner.targetindex;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Looks matching values up in a target index, gathering the lookups made at the same time into one query: the first
 * lookup of a read goes out at once, and those made while it is out wait for it and then go out together, each
 * answered with its own hits. A poll's users, matched side by side, so cost PostgreSQL a few queries instead of one
 * each, and a lone lookup (a live change) waits for nothing.
 */
@ApplicationScoped
public class IndexLookups {

    /** Pairs in one gathered query at most; more wait for the next one. */
    static final int MOST_PAIRS = 2_000;

    private final Lookup lookup;
    /** Per read with a query out: the lookups waiting for it. Guarded by {@code this}. */
    private final Map<UUID, List<Request>> waiting = new HashMap<>();

    @Inject
    public IndexLookups(TargetIndexRepository index) {
        this(index::lookup);
    }

    IndexLookups(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The index's objects holding any of {@code values} (normalised) for the attribute at the same position. */
    public Uni<List<IndexHit>> lookup(UUID readId, List<String> attributes, List<String> values) {
        return Uni.createFrom().emitter(emitter -> {
            Request request = new Request(pairs(attributes, values), emitter);
            boolean goesNow;
            synchronized (this) {
                List<Request> queued = waiting.get(readId);
                goesNow = queued == null;
                if (goesNow) {
                    waiting.put(readId, new ArrayList<>());
                } else {
                    queued.add(request);
                }
            }
            if (goesNow) {
                send(readId, List.of(request));
            }
        });
    }

    private void send(UUID readId, List<Request> requests) {
        Set<Pair> all = new LinkedHashSet<>();
        requests.forEach(request -> all.addAll(request.pairs()));
        List<String> attributes = new ArrayList<>(all.size());
        List<String> values = new ArrayList<>(all.size());
        all.forEach(pair -> {
            attributes.add(pair.attribute());
            values.add(pair.value());
        });
        Uni<List<IndexHit>> query;
        try {
            query = lookup.lookup(readId, attributes, values);
        } catch (RuntimeException e) {
            query = Uni.createFrom().failure(e);
        }
        query.subscribe().with(hits -> {
            for (Request request : requests) {
                request.emitter().complete(hits.stream()
                        .filter(hit -> request.pairs().contains(new Pair(hit.attribute(), hit.value()))).toList());
            }
            next(readId);
        }, failure -> {
            requests.forEach(request -> request.emitter().fail(failure));
            next(readId);
        });
    }

    /** Sends what waited for the query that just ended, or notes that none is out for the read. */
    private void next(UUID readId) {
        List<Request> batch = new ArrayList<>();
        synchronized (this) {
            List<Request> queued = waiting.get(readId);
            if (queued.isEmpty()) {
                waiting.remove(readId);
                return;
            }
            int pairs = 0;
            while (!queued.isEmpty() && (batch.isEmpty() || pairs + queued.get(0).pairs().size() <= MOST_PAIRS)) {
                Request request = queued.remove(0);
                pairs += request.pairs().size();
                batch.add(request);
            }
        }
        send(readId, batch);
    }

    private static Set<Pair> pairs(List<String> attributes, List<String> values) {
        Set<Pair> pairs = new LinkedHashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            pairs.add(new Pair(attributes.get(i), values.get(i)));
        }
        return pairs;
    }

    /** One query of the index for several (attribute, normalised value) pairs. */
    @FunctionalInterface
    interface Lookup {
        Uni<List<IndexHit>> lookup(UUID readId, List<String> attributes, List<String> values);
    }

    private record Pair(String attribute, String value) {
    }

    private record Request(Set<Pair> pairs, UniEmitter<? super List<IndexHit>> emitter) {
    }
}
