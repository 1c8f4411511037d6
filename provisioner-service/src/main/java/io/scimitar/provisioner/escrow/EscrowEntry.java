package io.scimitar.provisioner.escrow;

import java.time.Instant;
import java.util.UUID;

/** A failed change waiting for its retry: the object's newest event and when to try it again. */
public record EscrowEntry(UUID jobId, String objectKey, long objectVersion, String event, int attempts,
        Instant firstFailure, Instant nextAttempt, String errorCode, String errorReason) {
}
