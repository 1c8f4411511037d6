package io.scimitar.mock.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.scimitar.mock.admin.ReceivedTraceparents;
import io.scimitar.mock.admin.RequestCounters;
import io.scimitar.mock.auth.BearerTokenVerifier;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimError;
import io.scimitar.mock.fault.FaultDecision;
import io.scimitar.mock.fault.FaultInjector;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.ratelimit.RateLimitBucket;
import io.scimitar.mock.ratelimit.RateLimiter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

/**
 * Runs in front of every SCIM endpoint, in Miro's order: bearer token (401), SCIM enabled (403), rate limit (429 with
 * Retry-After), then injected faults (latency, error answers, dropped connections, timeouts). Counts every outcome.
 */
@Singleton
public class ScimRequestGate {

    private final BearerTokenVerifier tokens;
    private final MockSettings settings;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final RequestCounters counters;
    private final ReceivedTraceparents traceparents;
    private final ScimJson json;
    private final int largeGroupPatchBytes;
    private final long maxBodyBytes;

    public ScimRequestGate(BearerTokenVerifier tokens, MockSettings settings, RateLimiter rateLimiter, FaultInjector faults,
                           RequestCounters counters, ScimJson json, MockConfig config, RequestLimits limits,
                           ReceivedTraceparents traceparents) {
        this.traceparents = traceparents;
        this.tokens = tokens;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counters = counters;
        this.json = json;
        this.largeGroupPatchBytes = config.rateLimits().groupsPatchLargeBodyBytes();
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    void handle(RoutingContext rc) {
        EndpointClass endpoint = EndpointClass.of(rc.request().method().name(), rc.request().path());
        if (endpoint == null) {
            rc.next();
            return;
        }
        rc.addHeadersEndHandler(v -> counters.record(endpoint, rc.response().getStatusCode()));
        traceparents.received(rc.request().getHeader("traceparent"));
        if (!tokens.accepts(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            reject(rc, 401, null, "The token cannot authorize the organization");
            return;
        }
        if (!settings.scimEnabled()) {
            reject(rc, 403, null, "SCIM integration is disabled for the organization");
            return;
        }
        if (endpoint == EndpointClass.GROUPS_PATCH && rc.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && !rc.request().isEnded()) {
            readBodyThenLimit(rc, endpoint);
            return;
        }
        limitThenFaults(rc, endpoint, isLargeBody(rc));
    }

    /**
     * A chunked Group PATCH announces no size: its body is read here (up to {@code maxBodyBytes}) and handed on as
     * the routing context's body, so that the large-PATCH budget is judged by the bytes actually sent.
     */
    private void readBodyThenLimit(RoutingContext rc, EndpointClass endpoint) {
        Buffer body = Buffer.buffer();
        rc.request().handler(chunk -> {
            if (body.length() + chunk.length() > maxBodyBytes) {
                rc.request().handler(null);
                rc.response().putHeader(HttpHeaders.CONNECTION, "close");
                reject(rc, 413, null, "Request body is over the limit of " + maxBodyBytes + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        rc.request().endHandler(end -> {
            if (rc.response().ended()) {
                return;
            }
            ((RoutingContextInternal) rc).setBody(body);
            limitThenFaults(rc, endpoint, body.length() > largeGroupPatchBytes);
        });
        rc.request().exceptionHandler(rc::fail);
        rc.request().resume();
    }

    private void limitThenFaults(RoutingContext rc, EndpointClass endpoint, boolean largeBody) {
        long retryAfter = rateLimiter.tryAcquire(RateLimitBucket.of(endpoint, largeBody));
        if (retryAfter > 0) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfter));
            reject(rc, 429, "tooManyRequests", "The user has sent too many requests in a given amount of time");
            return;
        }
        FaultDecision fault = faults.decide(endpoint);
        if (fault.latencyMs() > 0) {
            rc.request().pause();
            rc.vertx().setTimer(fault.latencyMs(), id -> {
                rc.request().resume();
                act(rc, endpoint, fault);
            });
        } else {
            act(rc, endpoint, fault);
        }
    }

    private void act(RoutingContext rc, EndpointClass endpoint, FaultDecision fault) {
        switch (fault.action()) {
            case PROCEED -> rc.next();
            case ERROR -> {
                if (fault.retryAfterSeconds() != null) {
                    rc.response().putHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
                }
                reject(rc, fault.status(), null, "Injected fault: unexpected error; contact support");
            }
            case DROP -> {
                counters.record(endpoint, RequestCounters.Unanswered.DROPPED);
                rc.request().connection().close();
            }
            case TIMEOUT -> {
                counters.record(endpoint, RequestCounters.Unanswered.TIMEOUT);
                rc.vertx().setTimer(Math.max(1, fault.timeoutMs()), id -> rc.request().connection().close());
            }
        }
    }

    /** By the announced length; a chunked PATCH is measured as read ({@link #readBodyThenLimit}). */
    private boolean isLargeBody(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length) > largeGroupPatchBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void reject(RoutingContext rc, int status, String scimType, String detail) {
        rc.request().resume();
        rc.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ScimJson.SCIM_MEDIA_TYPE)
                .end(Buffer.buffer(json.bytes(ScimError.of(status, scimType, detail))));
    }
}
