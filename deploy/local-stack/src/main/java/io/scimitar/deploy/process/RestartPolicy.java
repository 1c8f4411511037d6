package io.scimitar.deploy.process;

import java.time.Duration;

/**
 * How {@link Supervisor} restarts a dead child: after {@code firstDelay}, doubling with each failure in
 * {@code window} up to {@code maxDelay}; after {@code maxFailures} failures in {@code window} it gives up.
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, int maxFailures, Duration window) {

    /** 1 s, 2 s, 4 s ... 30 s; five failures within ten minutes and the child is left dead. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
            Duration.ofMinutes(10));

    /** The wait before the restart that follows the {@code failures}-th failure in the window (1-based). */
    public Duration delayAfter(int failures) {
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
