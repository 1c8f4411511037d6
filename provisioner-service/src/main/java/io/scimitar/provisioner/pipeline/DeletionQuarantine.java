package io.scimitar.provisioner.pipeline;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * The quarantine the deletion guard puts a job in when too many disables and deletes come together (Entra's
 * {@code TooManyDeletes}), and ends when none is held or rejected any more. Implemented by the quarantine, so that the
 * deletion guard needs no other side concern.
 */
public interface DeletionQuarantine {

    /** Quarantines the job for too many deletes (or keeps it so), saying why in {@code detail}. */
    Uni<Void> enter(JobDefinition job, String detail);

    /** Ends the job's quarantine for too many deletes, if it is in one; true if it was. */
    Uni<Boolean> leave(UUID jobId);
}
