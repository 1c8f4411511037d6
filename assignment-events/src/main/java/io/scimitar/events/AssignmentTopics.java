package io.scimitar.events;

/** Names of the Kafka topics shared by assignment-service (producer) and provisioner-service (consumer). */
public final class AssignmentTopics {

    /** Every {@link AssignmentEvent}, keyed by {@link EventKeys#key(String, String)}. */
    public static final String ASSIGNMENT_EVENTS = "scimitar.assignment-events";

    /** The record header that repeats the event type, so a consumer can route without parsing the body. */
    public static final String EVENT_TYPE_HEADER = "scimitar-event-type";

    /** The record header that repeats the schema version. */
    public static final String SCHEMA_VERSION_HEADER = "scimitar-schema-version";

    private AssignmentTopics() {
    }
}
