package io.scimitar.provisioner.scim;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.scimitar.provisioner.observability.ProvisionerMetrics;
import io.scimitar.provisioner.observability.TraceContexts;
import io.scimitar.provisioner.ratelimit.RequestClass;

import java.net.URI;
import java.util.UUID;

/**
 * What a {@link ScimClient} tells about each request it sends: a client span (under the change being applied, when
 * there is one) whose {@code traceparent} goes out with the request, and the job's request count by operation and
 * status class ({@link ProvisionerMetrics}; a client of no job, as Test Connection's, is not counted).
 */
final class ScimTelemetry {

    private final Tracer tracer;
    private final ProvisionerMetrics metrics;
    private final UUID jobId;
    private final Context parent;

    ScimTelemetry(Tracer tracer, ProvisionerMetrics metrics, UUID jobId, Context parent) {
        this.tracer = tracer;
        this.metrics = metrics;
        this.jobId = jobId;
        this.parent = parent;
    }

    /** The same, its requests' spans under {@code context}. */
    ScimTelemetry under(Context context) {
        return new ScimTelemetry(tracer, metrics, jobId, context);
    }

    /** A request about to be sent. */
    Request start(RequestClass requestClass, URI target) {
        SpanBuilder builder = tracer.spanBuilder("SCIM " + requestClass)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("server.address", target.getHost())
                .setAttribute("scim.operation", requestClass.name());
        if (parent != null) {
            builder.setParent(parent);
        }
        if (jobId != null) {
            builder.setAttribute("scimitar.job.id", jobId.toString());
        }
        return new Request(requestClass, builder.startSpan());
    }

    /** One request's span and count. */
    final class Request {
        private final RequestClass requestClass;
        private final Span span;

        private Request(RequestClass requestClass, Span span) {
            this.requestClass = requestClass;
            this.span = span;
        }

        /** The header naming this request's span (null when tracing is off). */
        String traceparent() {
            return TraceContexts.traceparent(span);
        }

        /** The answer's status, 0 when none came. */
        void answered(int status) {
            if (status > 0) {
                span.setAttribute("http.response.status_code", status);
            }
            if (status == 0 || status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            if (jobId != null && metrics != null) {
                metrics.scimRequest(jobId, requestClass.name(), status);
            }
        }
    }
}
