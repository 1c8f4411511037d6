package io.scimitar.provisioner.quarantine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a job's most recent distinct changes went, to compute the share of failures that quarantines it: a sliding
 * window of the last {@code capacity} changes, each counted once however often it was retried (its newest outcome
 * counts), judged once it holds at least {@code minimum} changes. Each change recorded gets the next sequence number,
 * the window's order as stored ({@link RecentOutcomesRepository}).
 */
public final class RecentOutcomes {

    private final int capacity;
    private final int minimum;
    /** Outcome by change, oldest first; a retried change moves to the end with its newest outcome. */
    private final LinkedHashMap<String, Stored> outcomes = new LinkedHashMap<>();
    private int failures;
    private long sequence;

    public RecentOutcomes(int capacity, int minimum) {
        this.capacity = Math.max(1, capacity);
        this.minimum = Math.max(1, Math.min(minimum, this.capacity));
    }

    /**
     * Records how {@code change} (an object at one version) went; a retry replaces its earlier outcome. Answers its
     * sequence number and the change that slid out of the window to make room (null if none).
     */
    public synchronized Recorded record(String change, boolean failure) {
        Stored before = outcomes.remove(change);
        if (before != null && before.failed()) {
            failures--;
        }
        Stored recorded = new Stored(change, failure, ++sequence);
        outcomes.put(change, recorded);
        if (failure) {
            failures++;
        }
        String slidOut = null;
        if (outcomes.size() > capacity) {
            Iterator<Map.Entry<String, Stored>> oldest = outcomes.entrySet().iterator();
            Map.Entry<String, Stored> first = oldest.next();
            if (first.getValue().failed()) {
                failures--;
            }
            slidOut = first.getKey();
            oldest.remove();
        }
        return new Recorded(recorded.sequence(), slidOut);
    }

    /** Takes back the window as stored ({@code stored} oldest first), replacing what this holds. */
    public synchronized void restore(List<Stored> stored) {
        clear();
        for (Stored outcome : stored) {
            outcomes.remove(outcome.change());
            outcomes.put(outcome.change(), outcome);
            sequence = Math.max(sequence, outcome.sequence());
        }
        while (outcomes.size() > capacity) {
            Iterator<Stored> oldest = outcomes.values().iterator();
            oldest.next();
            oldest.remove();
        }
        failures = (int) outcomes.values().stream().filter(Stored::failed).count();
    }

    /** Whether the window holds the minimum sample and its share of failures is above {@code ratio}. */
    public synchronized boolean above(double ratio) {
        return outcomes.size() >= minimum && failures > ratio * outcomes.size();
    }

    /**
     * Numbers the changes recorded from now on after {@code stored} (the newest sequence another instance stored), so
     * that the window stored by several instances keeps their changes roughly in time order.
     */
    public synchronized void numberAfter(long stored) {
        sequence = Math.max(sequence, stored);
    }

    /** The window's size and failures now, judged with this window's minimum sample. */
    public synchronized Tally tally() {
        return new Tally(outcomes.size(), failures, minimum);
    }

    /** A window of {@code size} changes with {@code failures} failures, or a window stored by several instances. */
    public Tally tally(int size, int failures) {
        return new Tally(size, failures, minimum);
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

    public int capacity() {
        return capacity;
    }

    /** How many changes a window holds and how many of them failed, judged once it holds {@code minimum}. */
    public record Tally(int size, int failures, int minimum) {

        /** Whether the window holds the minimum sample and its share of failures is above {@code ratio}. */
        public boolean above(double ratio) {
            return size >= minimum && failures > ratio * size;
        }
    }

    /** One change in the window: whether it failed, and its place in the window's order. */
    public record Stored(String change, boolean failed, long sequence) {
    }

    /** What recording a change did: its sequence number, and the change that slid out (null if none). */
    public record Recorded(long sequence, String slidOut) {
    }
}
