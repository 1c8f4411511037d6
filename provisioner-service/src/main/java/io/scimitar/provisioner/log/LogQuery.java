package io.scimitar.provisioner.log;

import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Which provisioning log entries to read, newest first. Every criterion is optional.
 *
 * @param identity source id, target id, or part of the source display name (case-insensitive)
 * @param before   paging cursor: only entries with an id lower than this (the {@code nextCursor} of the last page)
 */
public record LogQuery(UUID jobId, String identity, ProvisioningStatus status, ProvisioningAction action,
        Instant from, Instant to, UUID cycleId, UUID changeId, Long before, int limit) {

    public static final int MAX_LIMIT = 1000;
}
