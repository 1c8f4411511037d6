package io.scimitar.provisioner.deletions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The deletion guard's windows (defaults; each job may set its own) and how often settled bursts are looked for. */
@ConfigMapping(prefix = "scimitar.provisioner.deletions")
public interface DeletionGuardSettings {

    /**
     * How long a disable or delete waits for others of its burst: a burst is over once no new one came for this
     * long, and only then is it sent, when the count stayed within the threshold.
     */
    @WithDefault("10s")
    Duration settleWindow();

    /**
     * What the settle window let out is counted against the threshold for this long after (Entra counts per
     * 40-minute cycle); it is also the longest a burst is waited for.
     */
    @WithDefault("40m")
    Duration countingWindow();

    /** How often settled bursts are sent and ended episodes closed. */
    @WithDefault("1s")
    Duration checkInterval();
}
