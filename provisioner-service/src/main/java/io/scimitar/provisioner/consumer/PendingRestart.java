package io.scimitar.provisioner.consumer;

import java.time.Instant;
import java.util.UUID;

/**
 * A restart of a job requested through any instance and not carried out yet, as stored ({@code job_restart}).
 *
 * @param requestId    changes with every request merged into it, so a newer request is told from the one carried out
 * @param requestedAt  when the newest request came (a full restart checks the links against a target read after it)
 * @param from         the time to replay from; null replays the whole history
 * @param full         whether the links are checked against the target
 * @param forceDeletes whether the deletion guard's held deletions were let out
 * @param marked       whether the restart's markers are committed in the job's consumer group already
 */
public record PendingRestart(UUID jobId, UUID requestId, Instant requestedAt, Instant from, boolean full,
        boolean forceDeletes, boolean marked) {
}
