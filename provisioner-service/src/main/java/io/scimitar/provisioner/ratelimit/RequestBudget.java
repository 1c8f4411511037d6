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

    /** Whether a request of this class would start at once: nobody waiting and a free slot. */
    synchronized boolean hasRoom() {
        return waiting.isEmpty() && canStart(clock.getAsLong());
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
                    effective = Math.max(1, Math.min((int) Math.floor(effective * DECREASE), accepted));
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

    /** A request that never went out (cancelled before it started) gives its slot back at once. */
    void abandoned() {
        synchronized (this) {
            inFlight--;
        }
        grantWhatFits();
    }

    synchronized RequestBudgetStatus status() {
        long now = clock.getAsLong();
        forgetOld(now);
        recover(now);
        return new RequestBudgetStatus(requestClass, configured, effective, inFlight + answeredAt.size(),
                waiting.size(), granted, delayed, throttled);
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
            }
            grantWhatFits();
        }
    }

    /** Whether one more request fits now; called with the lock held. */
    private boolean canStart(long now) {
        forgetOld(now);
        recover(now);
        return now >= pausedUntil && inFlight + answeredAt.size() < effective;
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

    /** Wakes up when the oldest slot frees or the pause ends; a slot held by a request in flight frees on its answer. */
    private void scheduleWakeUp(long now) {
        long at;
        if (now < pausedUntil) {
            at = pausedUntil;
        } else if (!answeredAt.isEmpty()) {
            at = answeredAt.peekFirst().at() + windowNanos;
        } else {
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

    private record Answer(long at, boolean refused) {
    }
}
