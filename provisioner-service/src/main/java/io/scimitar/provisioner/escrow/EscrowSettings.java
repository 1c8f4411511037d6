package io.scimitar.provisioner.escrow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** When failed changes are retried. */
@ConfigMapping(prefix = "scimitar.provisioner.escrow")
public interface EscrowSettings {

    /** First wait after a transient failure (5xx, timeout, 429); doubled at each attempt, with jitter. */
    @WithDefault("1s")
    Duration transientBase();

    /** Longest wait between retries of a transient failure. */
    @WithDefault("5m")
    Duration transientMax();

    /** Waits after a permanent failure (400, 404, 409 ...), as Entra's schedule; the last one repeats. */
    @WithDefault("6h,12h,24h")
    List<Duration> permanentSchedule();

    /** After this long a change still failing is dropped from escrow (and logged), as Entra does after 28 days. */
    @WithDefault("28d")
    Duration maxAge();

    /** How often a running job looks for changes due for a retry. */
    @WithDefault("500ms")
    Duration pollInterval();
}
