package io.scimitar.assignment.deadletter;

import java.time.Instant;

/**
 * An outbox row the broker refused for good, with why and when; {@code payload} is null in lists (it can be large),
 * {@code supersededBy} the id of a later row of the same key that was published since.
 */
public record DeadLetter(long id, String eventKey, String eventType, Instant createdAt, String reason,
        Instant failedAt, Long supersededBy, int payloadLength, String payload) {
}
