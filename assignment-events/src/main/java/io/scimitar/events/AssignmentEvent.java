package io.scimitar.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on the assignment topic: the effective state of one object (user or group) for one application.
 * <p>
 * All events of one (application, object) pair carry the same {@link #key()} so that they land on one partition
 * in order; {@link #objectVersion()} grows monotonically per object so a consumer can drop stale copies.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = UserAssignmentEvent.class, name = UserAssignmentEvent.TYPE),
        @JsonSubTypes.Type(value = UserDeletedEvent.class, name = UserDeletedEvent.TYPE),
        @JsonSubTypes.Type(value = GroupAssignmentEvent.class, name = GroupAssignmentEvent.TYPE),
        @JsonSubTypes.Type(value = GroupMembershipEvent.class, name = GroupMembershipEvent.TYPE),
        @JsonSubTypes.Type(value = GroupDeletedEvent.class, name = GroupDeletedEvent.TYPE)
})
public sealed interface AssignmentEvent
        permits UserAssignmentEvent, UserDeletedEvent, GroupAssignmentEvent, GroupMembershipEvent, GroupDeletedEvent {

    /** The schema version this library writes and reads. */
    int SCHEMA_VERSION = 1;

    /** The event type discriminator, e.g. {@code user.assignment}. */
    String type();

    int schemaVersion();

    UUID eventId();

    Instant occurredAt();

    String applicationId();

    /** The id of the user or group this event is about. */
    String objectId();

    /** Monotonic per object: a higher version always describes a newer state. */
    long objectVersion();

    /** The Kafka record key: all events of one (application, object) pair share it. */
    @JsonIgnore
    default String key() {
        return EventKeys.key(applicationId(), objectId());
    }
}
