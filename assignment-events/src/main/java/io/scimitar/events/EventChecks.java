package io.scimitar.events;

/** Invariants every event record checks on construction, including when it is read from JSON. */
final class EventChecks {

    private EventChecks() {
    }

    static void require(String expectedType, String type, int schemaVersion) {
        if (!expectedType.equals(type)) {
            throw new IllegalArgumentException("Event type must be '" + expectedType + "', not '" + type + "'");
        }
        if (schemaVersion != AssignmentEvent.SCHEMA_VERSION) {
            throw new UnsupportedEventException("Unsupported schema version " + schemaVersion + " of " + type
                    + "; this reader understands version " + AssignmentEvent.SCHEMA_VERSION);
        }
    }
}
