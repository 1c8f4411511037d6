package io.scimitar.assignment.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A dead letter on the wire; {@code payload} (the event's JSON, as text) only when one dead letter is read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterResponse(long id, String eventKey, String eventType, Instant createdAt, String reason,
        Instant failedAt, Long supersededBy, int payloadBytes, String payload) {

    public static DeadLetterResponse of(DeadLetter letter) {
        return new DeadLetterResponse(letter.id(), letter.eventKey(), letter.eventType(), letter.createdAt(),
                letter.reason(), letter.failedAt(), letter.supersededBy(), letter.payloadLength(), letter.payload());
    }
}
