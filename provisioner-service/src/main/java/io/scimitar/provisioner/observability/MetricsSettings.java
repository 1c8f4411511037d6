package io.scimitar.provisioner.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the provisioner's Prometheus metrics are kept. */
@ConfigMapping(prefix = "scimitar.provisioner.metrics")
public interface MetricsSettings {

    /**
     * How long the per-job gauges read from the database (escrow size, staged deletions, quarantine) reuse one count:
     * a scrape never waits for the database, and scrapes however frequent cost at most one query per this interval.
     */
    @WithDefault("15s")
    Duration stateMaxAge();
}
