package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.link.ObjectLink;

import java.time.Instant;

/**
 * The result of processing one event: its log trace (null when the event was stale and nothing was done, or put
 * off), the id of a user that is now active in the target (so that memberships waiting for it can be applied), or
 * null, when a change put off for the target's rate limit is to be tried again (null when it was not put off), and
 * the object's link as the change leaves it, when the provisioner left storing it to the dispatcher (null when there
 * is nothing to store or the provisioner stored it itself). The dispatcher stores such a link together with the
 * change's escrow state and log entry.
 */
public record ChangeOutcome(ChangeTrace trace, String activatedUserId, Instant deferredUntil, ObjectLink link) {

    public ChangeOutcome(ChangeTrace trace, String activatedUserId) {
        this(trace, activatedUserId, null, null);
    }

    public static ChangeOutcome stale() {
        return new ChangeOutcome(null, null);
    }

    public static ChangeOutcome of(ChangeTrace trace) {
        return new ChangeOutcome(trace, null);
    }

    /** Nothing done yet: the target's rate limit has no room for the change's first request; try again then. */
    public static ChangeOutcome deferred(Instant retryAt) {
        return new ChangeOutcome(null, null, retryAt, null);
    }

    /** This outcome, leaving the object's link as {@code updated}. */
    public ChangeOutcome storing(ObjectLink updated) {
        return new ChangeOutcome(trace, activatedUserId, deferredUntil, updated);
    }

    /** This outcome, with {@code userId} now active in the target (null: no user was activated). */
    public ChangeOutcome activating(String userId) {
        return new ChangeOutcome(trace, userId, deferredUntil, link);
    }
}
