package io.scimitar.provisioner.consumer;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.provisioner.observability.TraceContexts;
import io.scimitar.provisioner.pipeline.ChangeOutcome;
import io.scimitar.provisioner.pipeline.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

import java.util.function.Function;

/**
 * Continues, for each change a job applies, the trace its Kafka record carries (the {@code traceparent} of the REST
 * call that made it, put there by assignment-service's relay): a span around applying the change, under which every
 * SCIM request of the change is a client span whose {@code traceparent} goes to the target. A change without one
 * starts a trace of its own.
 */
@ApplicationScoped
public class ChangeTracing {

    private final Tracer tracer;

    public ChangeTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace context of a record (the root context when it carries none). */
    Context of(Headers headers) {
        return TraceContexts.fromRecord(headers);
    }

    /** Applies {@code event} in a span under {@code parent} (null: a new trace), its SCIM requests under that span. */
    Uni<ChangeOutcome> around(JobContext context, AssignmentEvent event, Context parent,
            Function<JobContext, Uni<ChangeOutcome>> apply) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder("apply " + event.type())
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(parent == null ? Context.root() : parent)
                    .setAttribute("scimitar.job.id", context.job().id().toString())
                    .setAttribute("scimitar.event.type", event.type())
                    .setAttribute("scimitar.object.id", event.objectId())
                    .setAttribute("scimitar.object.version", event.objectVersion())
                    .startSpan();
            JobContext traced = context.withScim(context.scim().tracedBy(Context.root().with(span)));
            return apply.apply(traced)
                    .onFailure().invoke(error -> span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName()))
                    .onTermination().invoke(span::end);
        });
    }
}
