package io.scimitar.provisioner.progress;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many things per second were done over the last {@code window} (60 s for progress): counts kept in one-second
 * buckets, so the rate follows what happens now rather than the average since the start. While the counting is
 * younger than the window, the rate is over the time since it started (at least one second). Thread-safe.
 */
public final class SlidingRate {

    /** The window progress uses. */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final long[] buckets;
    private final long startedSecond;
    private long newestSecond;

    public SlidingRate(Duration window, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.buckets = new long[(int) Math.max(1, window.toSeconds())];
        this.startedSecond = Math.floorDiv(nanoClock.getAsLong(), SECOND);
        this.newestSecond = startedSecond;
    }

    public SlidingRate() {
        this(WINDOW, System::nanoTime);
    }

    /** Counts {@code things} done now. */
    public synchronized void add(long things) {
        long second = advance();
        buckets[(int) Math.floorMod(second, (long) buckets.length)] += things;
    }

    /** Things per second over the window (or since the start, when that is shorter); 0 when nothing was done in it. */
    public synchronized double perSecond() {
        advance();
        long total = 0;
        for (long bucket : buckets) {
            total += bucket;
        }
        long elapsedNanos = nanoClock.getAsLong() - startedSecond * SECOND;
        double seconds = Math.min(buckets.length, Math.max(1.0, elapsedNanos / (double) SECOND));
        return total / seconds;
    }

    /** Moves the window to now, emptying the buckets of the seconds that left it; answers the current second. */
    private long advance() {
        long second = Math.floorDiv(nanoClock.getAsLong(), SECOND);
        if (second > newestSecond) {
            long stale = Math.min(second - newestSecond, buckets.length);
            for (long s = 1; s <= stale; s++) {
                buckets[(int) Math.floorMod(newestSecond + s, (long) buckets.length)] = 0;
            }
            newestSecond = second;
        }
        return second;
    }
}
