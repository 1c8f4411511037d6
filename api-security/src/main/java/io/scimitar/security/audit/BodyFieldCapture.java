package io.scimitar.security.audit;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Notes the field names of a JSON request body for the audit trail while the endpoint reads it (names only, from the
 * first {@value #MAX_CAPTURED_BYTES} bytes); other bodies (CSV, NDJSON imports) pass untouched. Server side only:
 * the services' REST clients (the provisioner's SCIM calls) must never see it.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodyFieldCapture implements ReaderInterceptor {

    private static final Logger LOG = Logger.getLogger(BodyFieldCapture.class);

    static final String FIELDS = "scimitar.audit.fields";
    static final int MAX_CAPTURED_BYTES = 256 * 1024;

    private final CurrentVertxRequest request;

    public BodyFieldCapture(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType()) || !Arc.container().requestContext().isActive()) {
            return context.proceed();
        }
        Capture capture = new Capture(context.getInputStream());
        context.setInputStream(capture);
        try {
            return context.proceed();
        } finally {
            note(capture);
        }
    }

    private void note(Capture capture) {
        try {
            RoutingContext current = request.getCurrent();
            if (current != null && current.get(FIELDS) == null) {
                current.put(FIELDS, FieldNames.of(capture.bytes(), capture.size()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not note the field names of a request body for the audit trail: %s", e.getMessage());
        }
    }

    private static boolean isJson(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Copies what the endpoint reads, up to the capture limit. */
    private static final class Capture extends FilterInputStream {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Capture(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && copy.size() < MAX_CAPTURED_BYTES) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, Math.min(n, MAX_CAPTURED_BYTES - copy.size()));
            }
            return n;
        }

        byte[] bytes() {
            return copy.toByteArray();
        }

        int size() {
            return copy.size();
        }
    }
}
