package io.scimitar.assignment.outbox;

import java.time.Instant;

/**
 * The outbox at one moment: rows waiting to be relayed and the age of the oldest (null when empty), and the dead
 * letters with the time of the first failure (null when none).
 */
public record OutboxSummary(long backlogRows, Double oldestRowAgeSeconds, long deadLetters, Instant oldestDeadLetterAt,
        Instant readAt) {

    static final OutboxSummary UNKNOWN = new OutboxSummary(0, null, 0, null, Instant.EPOCH);

    public boolean degraded() {
        return deadLetters > 0;
    }
}
