package io.scimitar.provisioner.pipeline;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;

/** The key an event's change is kept under in escrow: its object's, or its own for a membership delta. */
public final class EscrowKey {

    private EscrowKey() {
    }

    public static String of(AssignmentEvent event) {
        return event instanceof GroupMembershipEvent ? event.key() + "#members#" + event.eventId() : event.key();
    }
}
