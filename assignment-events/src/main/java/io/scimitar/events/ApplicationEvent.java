package io.scimitar.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * An event on the application topic ({@link AssignmentTopics#APPLICATION_EVENTS}): the lifecycle of one enterprise
 * application of the directory, keyed by its id, so that the topic compacts to the latest state of each application.
 * <p>
 * {@link #version()} grows monotonically per application id (also across a delete and a re-create with the same id),
 * so a consumer keeps the highest it has applied and ignores anything not higher.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ApplicationStateEvent.class, name = ApplicationStateEvent.TYPE),
        @JsonSubTypes.Type(value = ApplicationDeletedEvent.class, name = ApplicationDeletedEvent.TYPE)
})
public sealed interface ApplicationEvent permits ApplicationStateEvent, ApplicationDeletedEvent {

    /** The schema version this library writes and reads (the same as the assignment events'). */
    int SCHEMA_VERSION = AssignmentEvent.SCHEMA_VERSION;

    /** The event type discriminator: {@code application.state} or {@code application.deleted}. */
    String type();

    int schemaVersion();

    UUID eventId();

    Instant occurredAt();

    /** The id of the application (a UUID in lower case). */
    String applicationId();

    /** Monotonic per application id: a higher version always describes a newer state. */
    long version();

    String displayName();

    /** The Kafka record key: the application id. */
    @JsonIgnore
    default String key() {
        return applicationId();
    }
}
