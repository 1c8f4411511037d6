package io.scimitar.provisioner.quarantine;

/** The last N changes of a job, failed or not, to compute the share of failures that quarantines it. */
public final class RecentOutcomes {

    private final boolean[] failed;
    private int next;
    private int size;
    private int failures;

    public RecentOutcomes(int capacity) {
        this.failed = new boolean[Math.max(1, capacity)];
    }

    public synchronized void record(boolean failure) {
        if (size == failed.length) {
            if (failed[next]) {
                failures--;
            }
        } else {
            size++;
        }
        failed[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % failed.length;
    }

    /** Whether the window is full and its share of failures is above {@code ratio}. */
    public synchronized boolean above(double ratio) {
        return size == failed.length && failures > ratio * size;
    }

    public synchronized void clear() {
        next = 0;
        size = 0;
        failures = 0;
        java.util.Arrays.fill(failed, false);
    }

    public synchronized int failures() {
        return failures;
    }

    public synchronized int size() {
        return size;
    }
}
