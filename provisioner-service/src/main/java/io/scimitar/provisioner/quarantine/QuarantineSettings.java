package io.scimitar.provisioner.quarantine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When a job goes into quarantine and how it slows down there. */
@ConfigMapping(prefix = "scimitar.quarantine")
public interface QuarantineSettings {

    /** The share of failed changes among the recent ones above which the job is quarantined (Entra: 40%). */
    @WithDefault("0.4")
    double failureRatio();

    /**
     * How many of the most recent distinct changes the failure share is computed over (a change retried from escrow
     * counts once, with its newest outcome).
     */
    @WithDefault("200")
    int recentChanges();

    /** The fewest distinct recent changes the failure share is judged on; below that a job is never quarantined for it. */
    @WithDefault("25")
    int minimumChanges();

    /** The first wait before a quarantined job tries its target again; doubled after each failed try. */
    @WithDefault("1m")
    Duration firstRetry();

    /** The longest wait between tries (Entra slows a quarantined job down to one cycle a day). */
    @WithDefault("24h")
    Duration longestRetry();
}
