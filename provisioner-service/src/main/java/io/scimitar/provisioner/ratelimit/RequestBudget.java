package io.scimitar.provisioner.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The budget of one request class at one target: at most {@code budget} requests in any window, counted from each
 * request's start until its answer arrived plus one window. The target counts a request at some moment between the
 * two, so no window of the target's, fixed or sliding, sees more than the budget. A 429 anyway (another client shares
 * the budget, or the target's limit is lower than configured) pauses the class for the target's Retry-After and, at
 * most once a window, lowers the budget to what the target accepted in the last window (at least a tenth less);
 * every window without a 429 gives 2% of the configured budget back.
 * <p>
 * With several instances consuming a job, each may spend only its {@linkplain BudgetShare share} of the budget. A share
 * that shrinks applies at once: the slots already taken stay counted until they free as always, and no request starts
 * while they exceed the new share. A share that grows is held back for one window: the instance that gave those
 * partitions up may have spent their units within the window before, so the gained units count as taken until a
 * window has passed since the growth.
 */
final class RequestBudget {

    private static final double DECREASE = 0.9;
    private static final int RECOVERY_PER_WINDOW_PERCENT = 2;

    private final RequestClass requestClass;
    private final int configured;
    private final long windowNanos;
    private final WakeUpTimer timer;
    private final LongSupplier clock;

    /** The answers of the last window, oldest first; 429s count as well, though the target refused them. */
    private final ArrayDeque<Answer> answeredAt = new ArrayDeque<>();
    private int refusedInWindow;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int effective;
    private int share;
    private int held;
    private long heldUntil = Long.MIN_VALUE;
    private int inFlight;
    private long pausedUntil = Long.MIN_VALUE;
    private long lastThrottled;
    private long lastDecrease;
    private long wakeUpAt = Long.MAX_VALUE;
    private long granted;
    private long throttled;
    private long delayed;

    RequestBudget(RequestClass requestClass, int budget, Duration window, WakeUpTimer timer, LongSupplier clock) {
        this.requestClass = requestClass;
        this.configured = budget;
        this.effective = budget;
        this.share = budget;
        this.windowNanos = window.toNanos();
        this.timer = timer;
        this.clock = clock;
        this.lastThrottled = clock.getAsLong();
        this.lastDecrease = lastThrottled - windowNanos;
    }

    /** Completes when a request of this class may start; the caller must then call {@link #answered}. */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> permit = new CompletableFuture<>();
        synchronized (this) {
            waiting.addLast(permit);
            if (waiting.size() > 1 || !canStart(clock.getAsLong())) {
                delayed++;
            }
        }
        grantWhatFits();
        return permit;
    }

    /**
     * Whether a request of this class would start at once: nobody waiting and a free slot. A hint only: nothing is
     * taken, so two callers may both see the same free slot; {@link #reserve()} decides and takes it in one step.
     */
    synchronized boolean hasRoom() {
        return waiting.isEmpty() && canStart(clock.getAsLong());
    }

    /**
     * Takes a slot for one request now if nobody waits and one is free, in the same step as the check, so that
     * concurrent callers are never let through beyond the budget; otherwise takes nothing and says how soon a slot
     * may free at the earliest.
     */
    synchronized Slot reserve() {
        long now = clock.getAsLong();
        if (waiting.isEmpty() && canStart(now)) {
            inFlight++;
            granted++;
            return new Slot.Reserved(new Reservation(requestClass, this));
        }
        return new Slot.Later(Duration.ofNanos(untilRoom(now)));
    }

    /** The request's answer came: its slot stays taken for one more window; a 429 shrinks and pauses the budget. */
    void answered(boolean wasThrottled, Duration retryAfter) {
        synchronized (this) {
            long now = clock.getAsLong();
            inFlight--;
            forgetOld(now);
            if (wasThrottled) {
                throttled++;
                if (now - lastDecrease >= windowNanos) {
                    int accepted = answeredAt.size() - refusedInWindow;
                    effective = Math.max(1, Math.min((int) Math.floor(Math.min(effective, share) * DECREASE),
                            accepted));
                    lastDecrease = now;
                }
                lastThrottled = now;
                long pause = retryAfter != null ? retryAfter.toNanos() : windowNanos / Math.max(1, effective);
                pausedUntil = Math.max(pausedUntil, now + pause);
                refusedInWindow++;
                answeredAt.addLast(new Answer(now, true));
            } else {
                answeredAt.addLast(new Answer(now, false));
            }
        }
        grantWhatFits();
    }

    /**
     * A request that never went out (cancelled before it started, or a reservation released unused) gives its slot
     * back at once, and is not counted as sent.
     */
    void abandoned() {
        synchronized (this) {
            inFlight--;
            granted--;
        }
        grantWhatFits();
    }

    /**
     * Sets this instance's share of the budget: a smaller one applies at once, a larger one once a window has passed
     * when {@code holdGain} (see the class comment), at once otherwise.
     */
    void share(int newShare, boolean holdGain) {
        synchronized (this) {
            long now = clock.getAsLong();
            int gain = newShare - share;
            if (gain > 0 && holdGain) {
                held = heldNow(now) + gain;
                heldUntil = now + windowNanos;
            } else {
                held = Math.min(heldNow(now), newShare);
            }
            share = newShare;
        }
        grantWhatFits();
    }

    int configured() {
        return configured;
    }

    synchronized RequestBudgetStatus status() {
        long now = clock.getAsLong();
        forgetOld(now);
        recover(now);
        return new RequestBudgetStatus(requestClass, configured, effective, inFlight + answeredAt.size(),
                waiting.size(), granted, delayed, throttled, share, heldNow(now));
    }

    private void grantWhatFits() {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            while (!waiting.isEmpty() && canStart(now)) {
                CompletableFuture<Void> next = waiting.pollFirst();
                if (next.isDone()) {
                    continue;
                }
                inFlight++;
                granted++;
                ready.add(next);
            }
            if (!waiting.isEmpty()) {
                scheduleWakeUp(now);
            }
        }
        int lost = 0;
        for (CompletableFuture<Void> permit : ready) {
            if (!permit.complete(null)) {
                lost++; // cancelled while being granted: its slot was never used
            }
        }
        if (lost > 0) {
            synchronized (this) {
                inFlight -= lost;
                granted -= lost;
            }
            grantWhatFits();
        }
    }

    /** Whether one more request fits now; called with the lock held. */
    private boolean canStart(long now) {
        forgetOld(now);
        recover(now);
        return now >= pausedUntil && taken(now) < limit();
    }

    /** Slots counted now: in flight, answered within the window, and a grown share's units still held back. */
    private int taken(long now) {
        return inFlight + answeredAt.size() + heldNow(now);
    }

    /** The requests per window this instance may have now: the budget as learnt from 429s, within its share. */
    private int limit() {
        return Math.min(effective, share);
    }

    private int heldNow(long now) {
        return now < heldUntil ? held : 0;
    }

    /**
     * The earliest a slot may free, called with the lock held: the pause's end, and once every slot is taken the
     * oldest answer's window end (a slot in flight frees one window after its answer, so not before a window from now).
     */
    private long untilRoom(long now) {
        long at = Math.max(now, pausedUntil);
        if (taken(now) >= limit()) {
            long frees = nextFreeing(now);
            at = Math.max(at, frees == Long.MAX_VALUE ? now + windowNanos : frees);
        }
        return at - now;
    }

    private void forgetOld(long now) {
        while (!answeredAt.isEmpty() && now - answeredAt.peekFirst().at() >= windowNanos) {
            if (answeredAt.pollFirst().refused()) {
                refusedInWindow--;
            }
        }
    }

    private void recover(long now) {
        while (effective < configured && now - lastThrottled >= windowNanos) {
            effective = Math.min(configured, effective + Math.max(1, configured * RECOVERY_PER_WINDOW_PERCENT / 100));
            lastThrottled += windowNanos;
        }
    }

    /**
     * Wakes up when the oldest slot frees, the units of a grown share are no longer held back, or the pause ends; a
     * slot held by a request in flight frees on its answer.
     */
    private void scheduleWakeUp(long now) {
        long at = now < pausedUntil ? pausedUntil : nextFreeing(now);
        if (at == Long.MAX_VALUE) {
            return;
        }
        if (at >= wakeUpAt && wakeUpAt > now) {
            return;
        }
        wakeUpAt = at;
        timer.schedule(() -> {
            synchronized (this) {
                if (wakeUpAt == at) {
                    wakeUpAt = Long.MAX_VALUE;
                }
            }
            grantWhatFits();
        }, Math.max(0, at - now));
    }

    /** When the oldest slot frees or a grown share's units stop being held back, whichever comes first; or never. */
    private long nextFreeing(long now) {
        long at = answeredAt.isEmpty() ? Long.MAX_VALUE : answeredAt.peekFirst().at() + windowNanos;
        return heldNow(now) > 0 ? Math.min(at, heldUntil) : at;
    }

    private record Answer(long at, boolean refused) {
    }
}
