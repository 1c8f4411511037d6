package io.scimitar.provisioner.escrow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** When to retry a failed change: exponential backoff with jitter for transient failures, Entra's schedule else. */
public final class RetrySchedule {

    private final EscrowSettings settings;
    private final RandomGenerator random;

    public RetrySchedule(EscrowSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * @param attempts   how many times the change has failed so far (1 after the first failure)
     * @param retryAfter the target's Retry-After, honoured as a minimum; may be null
     */
    public Instant next(Instant now, int attempts, boolean transientFailure, Duration retryAfter) {
        Duration wait;
        if (transientFailure) {
            long base = settings.transientBase().toMillis();
            long capped = Math.min(settings.transientMax().toMillis(),
                    base * (1L << Math.min(20, Math.max(0, attempts - 1))));
            wait = Duration.ofMillis(capped / 2 + (long) (random.nextDouble() * (capped / 2.0)));
        } else {
            List<Duration> schedule = settings.permanentSchedule();
            wait = schedule.get(Math.min(schedule.size(), Math.max(1, attempts)) - 1);
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return now.plus(wait);
    }
}
