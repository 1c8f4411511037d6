package io.scimitar.events;

/** Names of the Kafka topics shared by assignment-service (producer) and provisioner-service (consumer). */
public final class AssignmentTopics {

    /** Every {@link AssignmentEvent}, keyed by {@link EventKeys#key(String, String)}. */
    public static final String ASSIGNMENT_EVENTS = "scimitar.assignment-events";

    /**
     * Every {@link ApplicationEvent}, keyed by the application id; compacted ({@code cleanup.policy=compact}), so it
     * holds at least the latest event of every application ever created.
     */
    public static final String APPLICATION_EVENTS = "scimitar.applications";

    /** The record header that repeats the event type, so a consumer can route without parsing the body. */
    public static final String EVENT_TYPE_HEADER = "scimitar-event-type";

    /** The record header that repeats the schema version. */
    public static final String SCHEMA_VERSION_HEADER = "scimitar-schema-version";

    private AssignmentTopics() {
    }
}
