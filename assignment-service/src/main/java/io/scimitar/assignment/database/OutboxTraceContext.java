package io.scimitar.assignment.database;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.util.regex.Pattern;

/** The W3C {@code traceparent} of the request a transaction runs for, which its outbox rows keep. */
final class OutboxTraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private OutboxTraceContext() {
    }

    /** The current span's traceparent, or null outside a traced request. */
    static String current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        String traceparent = "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
        return TRACEPARENT.matcher(traceparent).matches() ? traceparent : null;
    }
}
