package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.log.ChangeTrace;

/**
 * The result of processing one event: its log trace (null when the event was stale and nothing was done), and the
 * id of a user that is now active in the target (so that memberships waiting for it can be applied), or null.
 */
public record ChangeOutcome(ChangeTrace trace, String activatedUserId) {

    public static ChangeOutcome stale() {
        return new ChangeOutcome(null, null);
    }

    public static ChangeOutcome of(ChangeTrace trace) {
        return new ChangeOutcome(trace, null);
    }
}
