package io.scimitar.provisioner.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How each job consumes the assignment topic. */
@ConfigMapping(prefix = "scimitar.provisioner")
public interface ConsumerSettings {

    /** The topic assignment-service publishes to. */
    @WithDefault("scimitar.assignment-events")
    String topic();

    /** Objects processed in parallel per job; events of one object are always applied in order. */
    @WithDefault("32")
    int concurrency();

    /** Records fetched per poll: the unit after which offsets are committed. */
    @WithDefault("500")
    int maxPollRecords();

    /** Wait before processing a batch again after an infrastructure failure (database or target unreachable). */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Prefix of each job's Kafka consumer group; the job id follows. */
    @WithDefault("scimitar-provisioner-job-")
    String consumerGroupPrefix();

    /**
     * How soon a job looks again for group members that are provisioned but not yet in their target group after
     * pushing them failed; doubled while every push of a look fails, up to 5 minutes (a look where some groups' pushes
     * went is followed by another after this interval).
     */
    @WithDefault("10s")
    Duration pendingMembersInterval();

    /**
     * How often a job looks for such members when nothing failed: once it takes partitions (what a crash or a stop
     * cut short), then at this interval as a safety net, each instance in the groups on its own partitions. The look
     * joins every membership of the job with its links, so it is not done while there is no reason to: during a sync
     * it would compete with the sync for the database.
     */
    @WithDefault("5m")
    Duration pendingMembersSweep();

    /**
     * While a backlog is read (polls come back full), how long the group pushes of the users a poll changed may wait
     * to gather with those of the next polls, so that a group gets one PATCH for many members; pushed at once when
     * the job has read everything waiting. 0: after every poll.
     */
    @WithDefault("2s")
    Duration memberPushDelay();

    /** Kafka's session timeout: how soon the partitions of a crashed instance go to another one. */
    @WithDefault("10s")
    Duration sessionTimeout();
}
