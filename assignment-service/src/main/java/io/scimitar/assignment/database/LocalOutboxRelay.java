package io.scimitar.assignment.database;

/**
 * The outbox relay of this process, as the transactions that write outbox rows see it: after such a commit,
 * {@link Transactions} wakes it directly when it is the instance relaying, and otherwise notifies every instance
 * through PostgreSQL.
 */
public interface LocalOutboxRelay {

    /** Whether this process's relay held the relay's lock in its last round (it is the instance relaying). */
    boolean relaying();

    /** Starts a round of this process's relay now (or right after the one under way). */
    void wake();
}
