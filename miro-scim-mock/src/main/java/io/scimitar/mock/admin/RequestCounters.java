package io.scimitar.mock.admin;

import io.scimitar.mock.http.EndpointClass;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts SCIM requests per endpoint class and outcome (an HTTP status, or {@code dropped} / {@code timeout}). */
@Singleton
public class RequestCounters {

    private final Map<EndpointClass, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();

    public void record(EndpointClass endpoint, String outcome) {
        counters.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder())
                .increment();
    }

    /** A snapshot: endpoint class -> outcome -> count. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        counters.forEach((endpoint, outcomes) -> {
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
            result.put(endpoint.name(), counts);
        });
        return result;
    }

    public void reset() {
        counters.clear();
    }
}
