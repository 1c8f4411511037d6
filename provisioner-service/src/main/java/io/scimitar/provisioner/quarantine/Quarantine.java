package io.scimitar.provisioner.quarantine;

import java.time.Instant;
import java.util.UUID;

/**
 * A job's quarantine as stored and shown in its progress.
 *
 * @param nextAttempt when the job next tries the target (it slows down while quarantined)
 * @param attempts    tries since the quarantine began
 * @param notified    whether the notification email for this reason was sent
 */
public record Quarantine(UUID jobId, QuarantineReason reason, String detail, Instant since, Instant nextAttempt,
        int attempts, boolean notified) {
}
