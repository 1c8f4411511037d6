package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** The mock's request counters ({@code GET /admin/counters}): endpoint class -> outcome -> count. */
record MockCounters(JsonNode counters) {

    static MockCounters read(Http mockAdmin) {
        return new MockCounters(mockAdmin.get("/admin/counters"));
    }

    long count(String endpoint, String outcome) {
        return counters.path(endpoint).path(outcome).asLong();
    }

    long total(String endpoint) {
        long total = 0;
        for (JsonNode count : counters.path(endpoint)) {
            total += count.asLong();
        }
        return total;
    }

    /** Answers below 300 per endpoint class. */
    Map<String, Long> successes() {
        Map<String, Long> result = new LinkedHashMap<>();
        counters.fields().forEachRemaining(endpoint -> {
            long ok = 0;
            var outcomes = endpoint.getValue().fields();
            while (outcomes.hasNext()) {
                var outcome = outcomes.next();
                if (outcome.getKey().matches("[12]\\d\\d")) {
                    ok += outcome.getValue().asLong();
                }
            }
            if (ok > 0) {
                result.put(endpoint.getKey(), ok);
            }
        });
        return result;
    }

    /** Requests per endpoint class since {@code before}, every outcome. */
    Map<String, Long> since(MockCounters before) {
        Map<String, Long> result = new LinkedHashMap<>();
        counters.fieldNames().forEachRemaining(endpoint -> {
            long delta = total(endpoint) - before.total(endpoint);
            if (delta > 0) {
                result.put(endpoint, delta);
            }
        });
        return result;
    }

    /** Answers with this status per endpoint class since {@code before}. */
    Map<String, Long> since(MockCounters before, String outcome) {
        Map<String, Long> result = new LinkedHashMap<>();
        counters.fieldNames().forEachRemaining(endpoint -> {
            long delta = count(endpoint, outcome) - before.count(endpoint, outcome);
            if (delta > 0) {
                result.put(endpoint, delta);
            }
        });
        return result;
    }
}
