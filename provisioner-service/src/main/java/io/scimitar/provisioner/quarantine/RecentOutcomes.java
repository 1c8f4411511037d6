package io.scimitar.provisioner.quarantine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a job's most recent distinct changes went, to compute the share of failures that quarantines it: a sliding
 * window of the last {@code capacity} changes, each counted once however often it was retried (its newest outcome
 * counts), judged once it holds at least {@code minimum} changes.
 */
public final class RecentOutcomes {

    private final int capacity;
    private final int minimum;
    /** Outcome (true: failed) by change, oldest first; a retried change moves to the end with its newest outcome. */
    private final LinkedHashMap<String, Boolean> outcomes = new LinkedHashMap<>();
    private int failures;

    public RecentOutcomes(int capacity, int minimum) {
        this.capacity = Math.max(1, capacity);
        this.minimum = Math.max(1, Math.min(minimum, this.capacity));
    }

    /** Records how {@code change} (an object at one version) went; a retry replaces its earlier outcome. */
    public synchronized void record(String change, boolean failure) {
        Boolean before = outcomes.remove(change);
        if (Boolean.TRUE.equals(before)) {
            failures--;
        }
        outcomes.put(change, failure);
        if (failure) {
            failures++;
        }
        if (outcomes.size() > capacity) {
            Iterator<Map.Entry<String, Boolean>> oldest = outcomes.entrySet().iterator();
            if (oldest.next().getValue()) {
                failures--;
            }
            oldest.remove();
        }
    }

    /** Whether the window holds the minimum sample and its share of failures is above {@code ratio}. */
    public synchronized boolean above(double ratio) {
        return outcomes.size() >= minimum && failures > ratio * outcomes.size();
    }

    public synchronized void clear() {
        outcomes.clear();
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }

    public synchronized int size() {
        return outcomes.size();
    }
}
