package io.scimitar.assignment.events;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;

/** Copies an event with the object version it was given. */
final class EventVersions {

    private EventVersions() {
    }

    static AssignmentEvent withVersion(AssignmentEvent event, long v) {
        if (event instanceof UserAssignmentEvent e) {
            return new UserAssignmentEvent(e.type(), e.schemaVersion(), e.eventId(), e.occurredAt(),
                    e.applicationId(), e.objectId(), v, e.cause(), e.user(), e.assigned(), e.roles(), e.softDeleted());
        }
        if (event instanceof UserDeletedEvent e) {
            return new UserDeletedEvent(e.type(), e.schemaVersion(), e.eventId(), e.occurredAt(), e.applicationId(),
                    e.objectId(), v, e.userPrincipalName());
        }
        if (event instanceof GroupAssignmentEvent e) {
            return new GroupAssignmentEvent(e.type(), e.schemaVersion(), e.eventId(), e.occurredAt(),
                    e.applicationId(), e.objectId(), v, e.cause(), e.group(), e.assigned(), e.roles(),
                    e.softDeleted());
        }
        if (event instanceof GroupMembershipEvent e) {
            return new GroupMembershipEvent(e.type(), e.schemaVersion(), e.eventId(), e.occurredAt(),
                    e.applicationId(), e.objectId(), v, e.added(), e.removed(), e.snapshot());
        }
        GroupDeletedEvent e = (GroupDeletedEvent) event;
        return new GroupDeletedEvent(e.type(), e.schemaVersion(), e.eventId(), e.occurredAt(), e.applicationId(),
                e.objectId(), v, e.displayName());
    }
}
