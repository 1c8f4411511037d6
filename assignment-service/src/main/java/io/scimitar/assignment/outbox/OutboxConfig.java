package io.scimitar.assignment.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay moves events from PostgreSQL to Kafka. */
@ConfigMapping(prefix = "scimitar.assignment.outbox")
public interface OutboxConfig {

    /** Whether this instance relays at all (only one instance relays at a time anyway: a database lock decides). */
    @WithDefault("true")
    boolean relayEnabled();

    /** The most outbox rows read, sent and deleted in one round: bounds the relay's memory. */
    @WithDefault("2000")
    int batchSize();

    /** How long the relay sleeps when no notification wakes it first. */
    @WithDefault("1s")
    Duration pollInterval();

    /** The first pause after a failed round; doubled after each further failure. */
    @WithDefault("100ms")
    Duration initialBackoff();

    /** The longest pause between failed rounds. */
    @WithDefault("2s")
    Duration maxBackoff();

    /** How long one round waits for the broker's acknowledgements before it logs that it is still waiting. */
    @WithDefault("10s")
    Duration stallWarning();

    /**
     * How long the outbox figures of the health checks and the metrics (backlog, oldest row, dead letters) are reused
     * before they are counted again, so frequent probes and scrapes cost one query per period at most.
     */
    @WithDefault("5s")
    Duration statisticsMaxAge();
}
