package io.scimitar.mock.fault;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.http.EndpointClass;

/**
 * A fault for one endpoint class (or every SCIM endpoint when {@code endpoint} is null): added latency, a rate of
 * error answers (500 or 503), dropped connections and timeouts (held, then closed). {@code failNext} makes the next N
 * requests fail with {@code errorStatus} deterministically, before the rates apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultRule(
        EndpointClass endpoint,
        Long latencyMs,
        Double errorRate,
        Integer errorStatus,
        Integer failNext,
        Double dropRate,
        Double timeoutRate,
        Long timeoutMs,
        Integer retryAfterSeconds) {

    public static final long DEFAULT_TIMEOUT_MS = 65_000;
    /** Longest latency or timeout a rule may ask for: 10 minutes, far past any IdP's patience. */
    public static final long MAX_DELAY_MS = 600_000;
    private static final int MAX_RETRY_AFTER_SECONDS = 86_400;

    /** Validates the rule and fills defaults: no latency, 500 errors, 65 s timeouts. */
    public FaultRule normalised() {
        check("errorRate", errorRate);
        check("dropRate", dropRate);
        check("timeoutRate", timeoutRate);
        int status = errorStatus == null ? 500 : errorStatus;
        if (status < 400 || status > 599) {
            throw ScimException.invalidValue("errorStatus must be a 4xx or 5xx code, got " + status);
        }
        checkRange("latencyMs", latencyMs, MAX_DELAY_MS);
        checkRange("timeoutMs", timeoutMs, MAX_DELAY_MS);
        checkRange("failNext", failNext == null ? null : failNext.longValue(), Integer.MAX_VALUE);
        checkRange("retryAfterSeconds", retryAfterSeconds == null ? null : retryAfterSeconds.longValue(), MAX_RETRY_AFTER_SECONDS);
        return new FaultRule(endpoint, latencyMs == null ? 0 : latencyMs, errorRate == null ? 0 : errorRate, status,
                failNext == null ? 0 : failNext, dropRate == null ? 0 : dropRate, timeoutRate == null ? 0 : timeoutRate,
                timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs, retryAfterSeconds);
    }

    private static void checkRange(String name, Long value, long max) {
        if (value != null && (value < 0 || value > max)) {
            throw ScimException.invalidValue(name + " must be between 0 and " + max + ", got " + value);
        }
    }

    private static void check(String name, Double rate) {
        if (rate != null && (rate < 0 || rate > 1)) {
            throw ScimException.invalidValue(name + " must be between 0 and 1, got " + rate);
        }
    }
}
