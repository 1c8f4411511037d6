package io.scimitar.provisioner.consumer;

import java.time.Duration;

/**
 * When a job's applied offsets are committed: after every poll holding an event of the job (its effects are durable by
 * then), when nothing more waits, and otherwise at most every {@code interval}. A poll holding only other applications'
 * events changed nothing, so reading it again after a crash costs nothing at the target; committing each such poll
 * alone made a job whose events lie behind another application's (a second job on the same topic) wait for a broker
 * round trip per 500 events before its first change. Used by the job's own thread only.
 */
final class CommitPacing {

    private final long interval;
    private long lastCommit;

    CommitPacing(Duration interval, long now) {
        this.interval = interval.toNanos();
        this.lastCommit = now;
    }

    /**
     * Whether the offsets applied so far are to be committed now ({@code now}: {@link System#nanoTime()}), after a
     * poll that held events of the job or not, with more waiting behind it or not; a yes counts as the commit made.
     */
    boolean commitNow(boolean ownEvents, boolean moreWaiting, long now) {
        if (ownEvents || !moreWaiting || now - lastCommit >= interval) {
            lastCommit = now;
            return true;
        }
        return false;
    }
}
