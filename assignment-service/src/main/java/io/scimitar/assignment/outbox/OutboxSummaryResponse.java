package io.scimitar.assignment.outbox;

import java.time.Instant;

/** The outbox summary on the wire; {@code status} is {@code degraded} while dead letters exist, else {@code ok}. */
public record OutboxSummaryResponse(String status, long backlogRows, Double oldestRowAgeSeconds, long deadLetters,
        Instant oldestDeadLetterAt) {

    static OutboxSummaryResponse of(OutboxSummary summary) {
        return new OutboxSummaryResponse(summary.degraded() ? "degraded" : "ok", summary.backlogRows(),
                summary.oldestRowAgeSeconds(), summary.deadLetters(), summary.oldestDeadLetterAt());
    }
}
