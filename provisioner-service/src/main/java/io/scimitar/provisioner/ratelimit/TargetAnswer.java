package io.scimitar.provisioner.ratelimit;

import java.time.Duration;

/** What a target's rate limiter reads from an answer: its status (429 throttles) and the target's Retry-After. */
public interface TargetAnswer {

    int status();

    /** The target's Retry-After, or null. */
    default Duration retryAfter() {
        return null;
    }
}
