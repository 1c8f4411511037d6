package io.scimitar.assignment.outbox;

import io.scimitar.events.AssignmentTopics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The assignment topic and the producer that writes to it (the broker address is {@code kafka.bootstrap.servers}). */
@ConfigMapping(prefix = "scimitar.assignment.kafka")
public interface KafkaConfig {

    /** The topic every assignment event goes to. */
    @WithDefault(AssignmentTopics.ASSIGNMENT_EVENTS)
    String topic();

    /** Partitions of the topic when the service creates it. */
    @WithDefault("8")
    int partitions();

    /** Replication factor of the topic when the service creates it. */
    @WithDefault("1")
    short replicationFactor();

    /** Whether the service creates the topic at start-up when it is missing. */
    @WithDefault("true")
    boolean createTopic();

    /** Producer compression: none, gzip, snappy, lz4 or zstd (lz4 pays off once the broker is across a network). */
    @WithDefault("none")
    String compression();

    /** How long the producer waits to fill a batch. */
    @WithDefault("5ms")
    Duration linger();
}
