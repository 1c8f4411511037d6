package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.ratelimit.TargetAnswer;

import java.time.Duration;

/** What a SCIM request came to: errors are values the pipeline decides on, not exceptions. */
public sealed interface ScimResult extends TargetAnswer {

    int status();

    boolean isSuccess();

    /** A 2xx answer, with its body (an empty object for 204). */
    record Success(int status, JsonNode body) implements ScimResult {
        @Override
        public boolean isSuccess() {
            return true;
        }
    }

    /**
     * A failed request.
     *
     * @param status     the HTTP status, or 0 when no answer came (timeout, refused connection, DNS, TLS)
     * @param kind       how the pipeline should treat it
     * @param errorCode  Entra's name for it (Unauthorized, Conflict, TooManyRequests, ...), for the provisioning log
     * @param detail     the target's SCIM error detail, or what went wrong on the wire
     * @param retryAfter the target's Retry-After, or null
     */
    record Failure(int status, FailureKind kind, String errorCode, String scimType, String detail,
            Duration retryAfter) implements ScimResult {
        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public String toString() {
            return errorCode + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + detail;
        }
    }

    /** Classes of failure. */
    enum FailureKind {
        /** 429: slow down and retry. */
        THROTTLED,
        /** 5xx, timeouts, refused connections: retry with backoff. */
        TRANSIENT,
        /** 401, 403: the credentials are rejected; the job should be quarantined. */
        CREDENTIALS,
        /** 404 for a resource we asked for by id. */
        NOT_FOUND,
        /** Any other 4xx: the request itself is wrong for this target. */
        PERMANENT
    }
}
