package io.scimitar.provisioner.deletions;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.pipeline.EscrowKey;
import io.scimitar.provisioner.pipeline.ProvisioningAction;

import java.util.UUID;

/**
 * A disable or delete on its way through the deletion guard: the object's escrow key and newest event, who it is
 * (user principal name, display name, target id), what would be done and why.
 */
public record GuardedDeletion(UUID jobId, String objectKey, long objectVersion, String event, String objectType,
        String objectId, ProvisioningAction action, DeletionCause cause, String userPrincipalName, String displayName,
        String targetId) {

    /** The deletion an event leads to; {@code action} is DISABLE or DELETE. */
    public static GuardedDeletion of(UUID jobId, AssignmentEvent event, ProvisioningAction action, String targetId) {
        String type = event instanceof GroupAssignmentEvent || event instanceof GroupDeletedEvent ? "Group" : "User";
        String upn = null;
        String display = null;
        if (event instanceof UserAssignmentEvent user) {
            upn = user.user().userPrincipalName();
            display = user.user().displayName();
        } else if (event instanceof UserDeletedEvent deleted) {
            upn = deleted.userPrincipalName();
        } else if (event instanceof GroupAssignmentEvent group) {
            display = group.group().displayName();
        } else if (event instanceof GroupDeletedEvent deleted) {
            display = deleted.displayName();
        }
        return new GuardedDeletion(jobId, EscrowKey.of(event), event.objectVersion(),
                AssignmentEventCodec.encodeToString(event), type, event.objectId(), action, DeletionCause.of(event),
                upn, display, targetId);
    }

    /** How it reads in a log entry: "disable of user ada@contoso.com (target 123)". */
    public String describe() {
        String who = userPrincipalName != null ? userPrincipalName : displayName != null ? displayName : objectId;
        return action.name().toLowerCase(java.util.Locale.ROOT) + " of " + objectType.toLowerCase(java.util.Locale.ROOT)
                + " " + who + (targetId == null ? "" : " (target " + targetId + ")");
    }
}
