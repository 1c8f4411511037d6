package io.scimitar.provisioner.pipeline;

import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The disables and deletes the deletion guard keeps and has not sent yet, as the membership rule needs to know them (a
 * user whose disable is on its way counts as inactive). Implemented by the deletion guard's repository, so that the
 * membership stage needs no other side concern.
 */
public interface PendingDeletions {

    /**
     * Which of {@code objectKeys} have a disable or delete the guard keeps and has not sent yet: settling, held, or
     * allowed and on its way (a rejected one is never sent). Read-only.
     */
    Uni<Set<String>> pendingDeletions(UUID job, Collection<String> objectKeys);
}
