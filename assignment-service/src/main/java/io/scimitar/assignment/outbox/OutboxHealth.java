package io.scimitar.assignment.outbox;

import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The data both outbox health checks show: state (ok or degraded), dead letters, backlog. */
final class OutboxHealth {

    private OutboxHealth() {
    }

    static HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, OutboxSummary summary) {
        builder.withData("state", summary.degraded() ? "degraded" : "ok")
                .withData("deadLetters", summary.deadLetters())
                .withData("backlogRows", summary.backlogRows());
        if (summary.oldestDeadLetterAt() != null) {
            builder.withData("oldestDeadLetterAt", summary.oldestDeadLetterAt().toString());
        }
        if (summary.oldestRowAgeSeconds() != null) {
            builder.withData("oldestRowAgeSeconds", Math.round(summary.oldestRowAgeSeconds()));
        }
        return builder;
    }
}
