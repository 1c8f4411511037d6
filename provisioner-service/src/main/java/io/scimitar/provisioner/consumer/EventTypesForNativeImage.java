package io.scimitar.provisioner.consumer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.MemberRef;
import io.scimitar.events.RoleAssignment;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;

/**
 * The assignment-event records, read by hand through Jackson (AssignmentEventCodec) and so invisible to Quarkus'
 * own reflection scan: registered here so that a native executable can (de)serialise them.
 */
@RegisterForReflection(targets = {
        AssignmentEvent.class,
        UserAssignmentEvent.class,
        UserDeletedEvent.class,
        GroupAssignmentEvent.class,
        GroupMembershipEvent.class,
        GroupMembershipEvent.SnapshotPart.class,
        GroupDeletedEvent.class,
        UserSnapshot.class,
        GroupSnapshot.class,
        MemberRef.class,
        MemberRef.MemberType.class,
        RoleAssignment.class
})
final class EventTypesForNativeImage {

    private EventTypesForNativeImage() {
    }
}
