package io.scimitar.provisioner.drift;

/**
 * One difference a reconciliation found. {@code attribute}: the target path (attribute and state drift) or
 * {@code members} (membership drift); {@code expected} and {@code found}: the values, as text (a member's target id for
 * membership drift, redacted values masked); {@code detail}: for an orphan, the source object it would match;
 * {@code outcome}: what repair did (null in report mode).
 */
public record Difference(DriftKind kind, String objectType, String sourceId, String targetId, String displayName,
        String attribute, String expected, String found, String detail, String outcome) {

    public Difference withOutcome(String value) {
        return new Difference(kind, objectType, sourceId, targetId, displayName, attribute, expected, found, detail,
                value);
    }
}
