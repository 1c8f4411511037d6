package io.scimitar.mock.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.error.ProblemDetail;
import io.scimitar.mock.error.ScimError;
import io.scimitar.mock.json.ScimJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers URLs over {@code miro-mock.limits.max-url-length} (414) and bodies announced over
 * {@code quarkus.http.limits.max-body-size} (413) with an error body, before anything else runs: the SCIM error on
 * SCIM paths, problem+json on {@code /admin} (the HTTP layer's own answers to these are empty).
 */
@Singleton
public class RequestLimits {

    private final int maxUrlLength;
    private final long maxBodyBytes;
    private final ScimJson json;

    public RequestLimits(MockConfig config, ScimJson json,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxUrlLength = config.limits().maxUrlLength();
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 200);
    }

    void handle(RoutingContext rc) {
        if (rc.request().uri().length() > maxUrlLength) {
            reject(rc, 414, "The URL is over the limit of " + maxUrlLength + " characters");
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && announcedLength(length) > maxBodyBytes) {
            reject(rc, 413, "Request body is over the limit of " + maxBodyBytes + " bytes");
            return;
        }
        rc.next();
    }

    private static long announcedLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void reject(RoutingContext rc, int status, String detail) {
        String path = rc.request().path();
        boolean admin = ProblemDetail.isAdminPath(path);
        byte[] body = admin ? json.bytes(ProblemDetail.of(status, detail, path)) : json.bytes(ScimError.of(status, null, detail));
        rc.request().resume();
        // The body was not read: the connection cannot carry another request after this answer.
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, admin ? ProblemDetail.MEDIA_TYPE : ScimJson.SCIM_MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }
}
