package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.progress.SlidingRate;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures of one run of a job (from its start, restart or resume on this instance): events whose batch is committed,
 * changes whose effects are stored, by action and status, and their rates over the last {@link SlidingRate#WINDOW}.
 * Nothing is counted before it is durable: a fetched event counts once its batch's writes are stored and its offset
 * committed. The job's statistics to date, which outlive runs, are in {@code job_statistics}.
 */
public final class JobProgress {

    private final Instant started = Instant.now();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong alreadyApplied = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private final Map<ProvisioningAction, AtomicLong> byAction = new EnumMap<>(ProvisioningAction.class);
    private final Map<ProvisioningStatus, AtomicLong> byStatus = new EnumMap<>(ProvisioningStatus.class);
    private final SlidingRate eventRate;
    private final SlidingRate changeRate;
    private volatile Instant lastEvent;
    private volatile boolean caughtUp;
    private volatile boolean synced;
    private volatile boolean running = true;

    public JobProgress() {
        this(new SlidingRate(), new SlidingRate());
    }

    JobProgress(SlidingRate eventRate, SlidingRate changeRate) {
        this.eventRate = eventRate;
        this.changeRate = changeRate;
        for (ProvisioningAction action : ProvisioningAction.values()) {
            byAction.put(action, new AtomicLong());
        }
        for (ProvisioningStatus status : ProvisioningStatus.values()) {
            byStatus.put(status, new AtomicLong());
        }
    }

    /** Counts a change whose effects are stored ({@code action} null: the event was already applied before). */
    void processed(ProvisioningAction action, ProvisioningStatus status) {
        changes.incrementAndGet();
        changeRate.add(1);
        lastEvent = Instant.now();
        if (action == null) {
            alreadyApplied.incrementAndGet();
            return;
        }
        if (status != ProvisioningStatus.SKIPPED && status != ProvisioningStatus.FAILURE) {
            byAction.get(action).incrementAndGet();
        }
        byStatus.get(status).incrementAndGet();
    }

    /** Counts a change put off until the target's rate limit has room (it waits in escrow: not done). */
    void deferred() {
        deferred.incrementAndGet();
    }

    /** Counts the events of a batch whose offsets were just committed (its effects are stored). */
    void committed(int count) {
        events.addAndGet(count);
        eventRate.add(count);
    }

    void stopped() {
        running = false;
    }

    void poisonEvent() {
        poison.incrementAndGet();
    }

    /** The job was seen with nothing left on the topic (its initial sync may still wait for objects in scope). */
    public void backlogSeen(long eventsBehind) {
        if (eventsBehind == 0 && running) {
            caughtUp = true;
        }
    }

    /** The run's initial sync is over: it caught up and did every object in scope; it is incremental from now on. */
    public void synced() {
        if (running) {
            synced = true;
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** A point-in-time copy. */
    public Run snapshot() {
        Map<String, Long> actions = new LinkedHashMap<>();
        byAction.forEach((action, count) -> actions.put(action.name().toLowerCase(), count.get()));
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status.name().toLowerCase(), count.get()));
        return new Run(running, caughtUp, synced, started, events.get(), changes.get(), alreadyApplied.get(), deferred.get(),
                poison.get(), actions, statuses, round(eventRate.perSecond()), round(changeRate.perSecond()),
                lastEvent);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * The figures of one run.
     *
     * @param running whether the run goes on (false once the job was paused or stopped)
     * @param caughtUp whether the job was seen with nothing left on the topic since the run started
     * @param synced whether the run's initial sync is over (caught up, every object in scope done)
     * @param events events whose batch is committed
     * @param changes changes whose effects are stored (applied, skipped, failed or already applied)
     * @param alreadyApplied events older than what was applied before (replays): nothing to do
     * @param deferred changes put off for the target's rate limit (retried from escrow)
     * @param unreadableEvents events sent to the dead-letter topic
     * @param byAction changes that succeeded (or warned), by action
     * @param byStatus changes by status
     * @param eventsPerSecond events committed per second over the last 60 s
     * @param changesPerSecond changes stored per second over the last 60 s
     */
    public record Run(boolean running, boolean caughtUp, boolean synced, Instant since, long events, long changes,
            long alreadyApplied, long deferred, long unreadableEvents, Map<String, Long> byAction,
            Map<String, Long> byStatus, double eventsPerSecond, double changesPerSecond, Instant lastEventAt) {
    }

    /** The job's objects as counted in the database at {@code countedAt}. */
    public record ObjectCounts(long activeUsers, long activeGroups, long escrowed, long stagedDeletions,
            Instant countedAt) {
    }
}
