package io.scimitar.provisioner.progress;

/**
 * An honest estimate of the seconds left: 0 only when nothing remains; unknown (null) when what remains is unknown or
 * nothing was done lately to measure a rate by; otherwise what remains divided by the rate, rounded up, at least 1.
 */
public final class TimeLeft {

    private TimeLeft() {
    }

    /**
     * @param remaining things left to do, null when unknown
     * @param perSecond things done per second lately
     * @return seconds left, or null when it cannot be told
     */
    public static Long estimate(Long remaining, double perSecond) {
        if (remaining == null) {
            return null;
        }
        if (remaining <= 0) {
            return 0L;
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            return null;
        }
        return Math.max(1L, (long) Math.ceil(remaining / perSecond));
    }
}
