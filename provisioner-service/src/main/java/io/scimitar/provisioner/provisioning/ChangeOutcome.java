package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.log.ChangeTrace;

import java.time.Instant;

/**
 * The result of processing one event: its log trace (null when the event was stale and nothing was done, or put
 * off), the id of a user that is now active in the target (so that memberships waiting for it can be applied), or
 * null, and when a change put off for the target's rate limit is to be tried again (null when it was not put off).
 */
public record ChangeOutcome(ChangeTrace trace, String activatedUserId, Instant deferredUntil) {

    public ChangeOutcome(ChangeTrace trace, String activatedUserId) {
        this(trace, activatedUserId, null);
    }

    public static ChangeOutcome stale() {
        return new ChangeOutcome(null, null);
    }

    public static ChangeOutcome of(ChangeTrace trace) {
        return new ChangeOutcome(trace, null);
    }

    /** Nothing done yet: the target's rate limit has no room for the change's first request; try again then. */
    public static ChangeOutcome deferred(Instant retryAt) {
        return new ChangeOutcome(null, null, retryAt);
    }
}
