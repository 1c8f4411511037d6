package io.scimitar.provisioner.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The users of a job whose groups are still to be re-evaluated, gathered over the polls of a backlog so that a group
 * gets one PATCH for the members of many polls instead of one per poll: due once the job has read everything waiting
 * on its partitions, once the first of them has waited {@code longest}, or once {@code most} have gathered. Their
 * scopes and links are stored with their poll, so what the push sends follows from the database alone, and members a
 * stop leaves waiting are found again when the job starts. Used by the job's own thread only.
 */
final class WaitingMemberPushes {

    private final Duration longest;
    private final int most;
    private final Set<String> users = new LinkedHashSet<>();
    private long firstAdded;

    WaitingMemberPushes(Duration longest, int most) {
        this.longest = longest;
        this.most = most;
    }

    /** Users whose scopes and links are stored ({@code now}: {@link System#nanoTime()}). */
    void add(Collection<String> userIds, long now) {
        if (users.isEmpty() && !userIds.isEmpty()) {
            firstAdded = now;
        }
        users.addAll(userIds);
    }

    /** Whether the users gathered are to be pushed now; {@code moreWaiting}: more events wait on the partitions. */
    boolean due(long now, boolean moreWaiting) {
        return !users.isEmpty() && (!moreWaiting || now - firstAdded >= longest.toNanos() || users.size() >= most);
    }

    /** The users gathered, leaving none. */
    Set<String> take() {
        Set<String> taken = Set.copyOf(users);
        users.clear();
        return taken;
    }

    boolean isEmpty() {
        return users.isEmpty();
    }
}
