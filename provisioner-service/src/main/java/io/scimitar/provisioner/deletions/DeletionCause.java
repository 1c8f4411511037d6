package io.scimitar.provisioner.deletions;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;

/** Why the directory's change makes the job disable or delete an account, as the held list shows it. */
public enum DeletionCause {
    /** The user or group is no longer assigned to the application (directly or through a group). */
    UNASSIGNED,
    /** Still assigned, but a scoping filter leaves it out. */
    OUT_OF_SCOPE,
    /** The account was disabled in the directory ({@code accountEnabled=false}). */
    DISABLED_AT_SOURCE,
    /** Deleted in the directory, still in its recycle bin (soft delete). */
    SOFT_DELETED,
    /** Deleted from the directory for good (hard delete). */
    DELETED_AT_SOURCE;

    /** The cause an event carries: the first of unassigned, soft-deleted, disabled; otherwise the scoping filters. */
    public static DeletionCause of(AssignmentEvent event) {
        if (event instanceof UserAssignmentEvent user) {
            return !user.assigned() ? UNASSIGNED : user.softDeleted() ? SOFT_DELETED
                    : !user.user().accountEnabled() ? DISABLED_AT_SOURCE : OUT_OF_SCOPE;
        }
        if (event instanceof GroupAssignmentEvent group) {
            return !group.assigned() ? UNASSIGNED : group.softDeleted() ? SOFT_DELETED : OUT_OF_SCOPE;
        }
        return DELETED_AT_SOURCE;
    }
}
