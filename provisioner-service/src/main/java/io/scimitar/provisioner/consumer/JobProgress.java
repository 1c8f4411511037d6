package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.log.ProvisioningAction;
import io.scimitar.provisioner.log.ProvisioningStatus;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.EnumMap;
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
        }
    }

    /** A point-in-time copy. */
    public Snapshot snapshot() {
        Map<String, Long> actions = new java.util.LinkedHashMap<>();
        byAction.forEach((action, count) -> actions.put(action.name().toLowerCase(), count.get()));
        Map<String, Long> statuses = new java.util.LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status.name().toLowerCase(), count.get()));
        return new Snapshot(started, processed.get(), stale.get(), poison.get(), actions, statuses,
                lag < 0 ? null : lag, lastEvent);
    }

    /**
     * @param eventsBehind the job's consumer lag on the assignment topic, or null before the first fetch
     * @param alreadyApplied events skipped because a newer or equal version was already applied (replays)
     */
    public record Snapshot(Instant runningSince, long eventsProcessed, long alreadyApplied, long unreadableEvents,
            Map<String, Long> byAction, Map<String, Long> byStatus, Long eventsBehind, Instant lastEventAt) {
    }
}
