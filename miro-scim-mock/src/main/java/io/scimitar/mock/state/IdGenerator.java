package io.scimitar.mock.state;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/** Issues numeric string ids shaped like Miro's ({@code 3074457345619734493}). */
@Singleton
public class IdGenerator {

    static final long FIRST_ID = 3074457345618258000L;

    private final AtomicLong next = new AtomicLong(FIRST_ID);

    public String next() {
        return Long.toString(next.getAndIncrement());
    }

    /** Makes sure future ids are above an id loaded from a snapshot. */
    public void advancePast(String id) {
        try {
            long value = Long.parseLong(id);
            next.accumulateAndGet(value + 1, Math::max);
        } catch (NumberFormatException ignored) {
            // Non-numeric ids from hand-written snapshots cannot collide with generated ones.
        }
    }

    public void reset() {
        next.set(FIRST_ID);
    }
}
