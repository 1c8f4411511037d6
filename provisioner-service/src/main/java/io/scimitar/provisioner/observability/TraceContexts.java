package io.scimitar.provisioner.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * W3C trace context (the {@code traceparent} header) between Kafka records, OpenTelemetry contexts and HTTP requests:
 * assignment-service's relay puts the traceparent of the REST call that made a change into the record's headers, and
 * the provisioner continues that trace.
 */
public final class TraceContexts {

    /** The header's name, in Kafka records as in HTTP. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceContexts() {
    }

    /** The context a record's {@code traceparent} header names; the root context when it has none (or a bad one). */
    public static Context fromRecord(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** The {@code traceparent} value of a span, or null when it has no valid context. */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
