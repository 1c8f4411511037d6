package io.scimitar.assignment.outbox;

import io.scimitar.events.AssignmentTopics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The assignment and application topics and the producer that writes to them (the broker address is {@code kafka.bootstrap.servers}). */
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

    /**
     * The compacted topic of the application events (created, changed, deleted), keyed by application id: the
     * provisioner learns from it which applications exist.
     */
    @WithDefault(AssignmentTopics.APPLICATION_EVENTS)
    String applicationTopic();

    /** Partitions of the application topic when the service creates it (a few events per application: one is plenty). */
    @WithDefault("1")
    int applicationPartitions();

    /** Whether the service creates the topics at start-up when they are missing. */
    @WithDefault("true")
    boolean createTopic();

    /** Producer compression: none, gzip, snappy, lz4 or zstd (lz4 pays off once the broker is across a network). */
    @WithDefault("none")
    String compression();

    /** How long the producer waits to fill a batch. */
    @WithDefault("5ms")
    Duration linger();
}
