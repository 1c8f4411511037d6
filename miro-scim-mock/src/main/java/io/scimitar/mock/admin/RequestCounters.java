package io.scimitar.mock.admin;

import io.scimitar.mock.http.EndpointClass;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts SCIM requests per endpoint class and outcome (an HTTP status, or {@code dropped} / {@code timeout}). One
 * striped counter per (class, outcome) slot, found by index: counting costs no string, map lookup or lock.
 */
@Singleton
public class RequestCounters {

    /** Why a request got no status: the outcomes counted besides HTTP statuses. */
    public enum Unanswered { DROPPED, TIMEOUT }

    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500;
    private static final int SLOTS = STATUSES + Unanswered.values().length;
    private static final EndpointClass[] ENDPOINTS = EndpointClass.values();

    private volatile AtomicReferenceArray<LongAdder> counters = fresh();

    /** Counts an answer; a status outside 100-599 (which the mock never sends) counts as 500. */
    public void record(EndpointClass endpoint, int status) {
        int slot = status - FIRST_STATUS;
        increment(endpoint, slot >= 0 && slot < STATUSES ? slot : 500 - FIRST_STATUS);
    }

    public void record(EndpointClass endpoint, Unanswered outcome) {
        increment(endpoint, STATUSES + outcome.ordinal());
    }

    private void increment(EndpointClass endpoint, int slot) {
        AtomicReferenceArray<LongAdder> current = counters;
        int index = endpoint.ordinal() * SLOTS + slot;
        LongAdder counter = current.get(index);
        if (counter == null) {
            current.compareAndSet(index, null, new LongAdder());
            counter = current.get(index);
        }
        counter.increment();
    }

    /** A snapshot: endpoint class -> outcome ({@code "201"}, {@code "dropped"}, ...) -> count; counted outcomes only. */
    public Map<String, Map<String, Long>> snapshot() {
        AtomicReferenceArray<LongAdder> current = counters;
        Map<String, Map<String, Long>> result = new TreeMap<>();
        for (EndpointClass endpoint : ENDPOINTS) {
            Map<String, Long> counts = new TreeMap<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                LongAdder counter = current.get(endpoint.ordinal() * SLOTS + slot);
                if (counter != null) {
                    counts.put(outcomeName(slot), counter.sum());
                }
            }
            if (!counts.isEmpty()) {
                result.put(endpoint.name(), counts);
            }
        }
        return result;
    }

    public void reset() {
        counters = fresh();
    }

    private static String outcomeName(int slot) {
        return slot < STATUSES ? Integer.toString(FIRST_STATUS + slot)
                : Unanswered.values()[slot - STATUSES].name().toLowerCase(java.util.Locale.ROOT);
    }

    private static AtomicReferenceArray<LongAdder> fresh() {
        return new AtomicReferenceArray<>(ENDPOINTS.length * SLOTS);
    }
}
