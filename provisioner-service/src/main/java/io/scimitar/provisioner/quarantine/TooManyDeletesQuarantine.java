package io.scimitar.provisioner.quarantine;

import io.scimitar.provisioner.pipeline.DeletionQuarantine;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The deletion guard's quarantine ({@link QuarantineReason#TooManyDeletes}), kept by the {@link QuarantineKeeper}. */
@ApplicationScoped
public class TooManyDeletesQuarantine implements DeletionQuarantine {

    private final QuarantineKeeper keeper;

    public TooManyDeletesQuarantine(QuarantineKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public Uni<Void> enter(JobDefinition job, String detail) {
        return keeper.enter(job, QuarantineReason.TooManyDeletes, detail).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> leave(UUID jobId) {
        return keeper.leave(jobId, QuarantineReason.TooManyDeletes);
    }
}
