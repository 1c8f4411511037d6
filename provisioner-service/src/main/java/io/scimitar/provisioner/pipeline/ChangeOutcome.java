package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.link.ObjectLink;

import java.time.Instant;
import java.util.Optional;

/**
 * What processing one event came to: nothing ({@link Stale}), nothing yet ({@link Deferred}), or a change with its
 * trace ({@link Processed}). The accessors below read the parts of whichever it is (null where that kind has none), for
 * the dispatcher and escrow, which treat all three alike.
 */
public sealed interface ChangeOutcome {

    /** The event was older than what is already applied: nothing was done and nothing is logged. */
    record Stale() implements ChangeOutcome {
    }

    /** Nothing done yet: the target's rate limit has no room for the change's first request; try again then. */
    record Deferred(Instant retryAt) implements ChangeOutcome {
    }

    /**
     * The change was processed as its trace says.
     *
     * @param linkToStore the object's link as the change leaves it, when the provisioner left storing it to the
     *         dispatcher, which stores it together with the change's escrow state and log entry
     */
    record Processed(ChangeTrace trace, Optional<ObjectLink> linkToStore) implements ChangeOutcome {

        /** This outcome, leaving the object's link as {@code updated}. */
        @Override
        public Processed storing(ObjectLink updated) {
            return new Processed(trace, Optional.ofNullable(updated));
        }
    }

    static ChangeOutcome stale() {
        return new Stale();
    }

    static ChangeOutcome of(ChangeTrace trace) {
        return new Processed(trace, Optional.empty());
    }

    /** Nothing done yet: the target's rate limit has no room for the change's first request; try again then. */
    static ChangeOutcome deferred(Instant retryAt) {
        return new Deferred(retryAt);
    }

    /** A processed change's trace; null for the others, which log nothing. */
    default ChangeTrace trace() {
        return null;
    }

    /** When a deferred change is to be tried again; null for the others. */
    default Instant deferredUntil() {
        return this instanceof Deferred deferred ? deferred.retryAt() : null;
    }

    /** The link a processed change leaves for the dispatcher to store, or null. */
    default ObjectLink link() {
        return this instanceof Processed processed ? processed.linkToStore().orElse(null) : null;
    }

    /** This outcome, leaving the object's link as {@code updated} (only a processed change has one). */
    default ChangeOutcome storing(ObjectLink updated) {
        return this;
    }
}
