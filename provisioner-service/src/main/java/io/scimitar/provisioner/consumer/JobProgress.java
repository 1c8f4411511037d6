package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.quarantine.Quarantine;
import io.scimitar.provisioner.ratelimit.RequestBudgetStatus;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one job since its runner started: events processed, by action and status, and consumer lag. */
public final class JobProgress {

    private final Instant started = Instant.now();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final Map<ProvisioningAction, AtomicLong> byAction = new EnumMap<>(ProvisioningAction.class);
    private final Map<ProvisioningStatus, AtomicLong> byStatus = new EnumMap<>(ProvisioningStatus.class);
    private volatile long lag = -1;
    private volatile Instant lastEvent;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private long windowStartNanos = System.nanoTime();
    private long windowStartCount;
    private volatile double rate;

    public JobProgress() {
        for (ProvisioningAction action : ProvisioningAction.values()) {
            byAction.put(action, new AtomicLong());
        }
        for (ProvisioningStatus status : ProvisioningStatus.values()) {
            byStatus.put(status, new AtomicLong());
        }
    }

    void processed(ProvisioningAction action, ProvisioningStatus status) {
        processed.incrementAndGet();
        lastEvent = Instant.now();
        if (action == null) {
            stale.incrementAndGet();
            return;
        }
        if (status != ProvisioningStatus.SKIPPED && status != ProvisioningStatus.FAILURE) {
            byAction.get(action).incrementAndGet();
        }
        byStatus.get(status).incrementAndGet();
    }

    void stopped() {
        running = false;
    }

    void poisonEvent() {
        poison.incrementAndGet();
    }

    void observeLag(KafkaConsumer<?, ?> consumer) {
        long total = 0;
        boolean known = !consumer.assignment().isEmpty();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isEmpty()) {
                known = false;
                break;
            }
            total += partitionLag.getAsLong();
        }
        if (known) {
            lag = total;
            if (total == 0) {
                caughtUp = true;
            }
        }
        updateRate();
    }

    private synchronized void updateRate() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= 2_000_000_000L) {
            long count = processed.get();
            rate = (count - windowStartCount) * 1e9 / elapsed;
            windowStartNanos = now;
            windowStartCount = count;
        }
    }

    /** A point-in-time copy. */
    public Snapshot snapshot() {
        Map<String, Long> actions = new java.util.LinkedHashMap<>();
        byAction.forEach((action, count) -> actions.put(action.name().toLowerCase(), count.get()));
        Map<String, Long> statuses = new java.util.LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status.name().toLowerCase(), count.get()));
        Phase phase = !running ? Phase.PAUSED : caughtUp ? Phase.INCREMENTAL : Phase.INITIAL_SYNC;
        Long behind = lag < 0 ? null : lag;
        Long secondsLeft = behind == null || behind == 0 ? (behind == null ? null : 0L)
                : rate > 0 ? (long) Math.ceil(behind / rate) : null;
        return new Snapshot(phase, started, processed.get(), stale.get(), poison.get(), actions, statuses, behind,
                Math.round(rate * 10) / 10.0, secondsLeft, lastEvent, null, null, null, List.of(), null, null, null);
    }

    /** Where a job stands, as Entra's "Current status" shows the cycle type. */
    public enum Phase {
        /** Reading the history for the first time since the job started or restarted. */
        INITIAL_SYNC,
        /** Caught up: applying changes as they happen. */
        INCREMENTAL,
        /** Turned off: events wait on the topic. */
        PAUSED
    }

    /**
     * @param eventsBehind the job's consumer lag on the assignment topic, or null before the first fetch
     * @param alreadyApplied events skipped because a newer or equal version was already applied (replays)
     * @param eventsPerSecond the rate over the last few seconds
     * @param estimatedSecondsLeft events behind divided by the rate; null while unknown
     * @param activeUsers users the job keeps active in the target (in scope and provisioned)
     * @param activeGroups groups the job keeps in the target
     * @param escrowed changes waiting for a retry
     * @param rateLimits the target's request budgets and how much of each is in use
     * @param quarantine the job's quarantine, null when it is not quarantined
     * @param stagedDeletions disables and deletes held by the deletion guard
     * @param countedAt when the database counts (active users and groups, escrowed, staged deletions) were taken
     */
    public record Snapshot(Phase phase, Instant runningSince, long eventsProcessed, long alreadyApplied,
            long unreadableEvents, Map<String, Long> byAction, Map<String, Long> byStatus, Long eventsBehind,
            double eventsPerSecond, Long estimatedSecondsLeft, Instant lastEventAt, Long activeUsers,
            Long activeGroups, Long escrowed, List<RequestBudgetStatus> rateLimits, Quarantine quarantine,
            Long stagedDeletions, Instant countedAt) {

        /** The same snapshot with what the database and the job's target limiter know. */
        public Snapshot with(ObjectCounts counts, List<RequestBudgetStatus> budgets, Quarantine quarantined) {
            return new Snapshot(phase, runningSince, eventsProcessed, alreadyApplied, unreadableEvents, byAction,
                    byStatus, eventsBehind, eventsPerSecond, estimatedSecondsLeft, lastEventAt, counts.activeUsers(),
                    counts.activeGroups(), counts.escrowed(), budgets, quarantined, counts.stagedDeletions(),
                    counts.countedAt());
        }
    }

    /** The job's objects as counted in the database at {@code countedAt}. */
    public record ObjectCounts(long activeUsers, long activeGroups, long escrowed, long stagedDeletions,
            Instant countedAt) {
    }
}
