package io.scimitar.provisioner.escrow;

import java.time.Instant;
import java.util.UUID;

/**
 * A change waiting in escrow: the object's newest event, and when to try it again (a failed change), or a disable or
 * delete held by the deletion guard until an administrator allows it.
 */
public record EscrowEntry(UUID jobId, String objectKey, long objectVersion, String event, int attempts,
        Instant firstFailure, Instant nextAttempt, String errorCode, String errorReason, Kind kind) {

    /** Why the change waits. */
    public enum Kind {
        /** It failed and is retried with backoff. */
        RETRY,
        /** A disable or delete waiting in the deletion guard's settle window for the rest of its burst. */
        SETTLING_DELETE,
        /** A disable or delete held by the deletion guard. */
        STAGED_DELETE,
        /** A held disable or delete an administrator rejected: never sent. */
        REJECTED_DELETE,
        /** A disable or delete the settle window released or an administrator allowed: it goes out. */
        RELEASED_DELETE
    }
}
