package io.scimitar.provisioner.drift;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A job's reconciliation schedule: off, or every {@code every} (ISO-8601, e.g. {@code PT6H}), or daily at
 * {@code dailyAt} (HH:mm, UTC); each run in {@code mode} with {@code policies}. {@code nextRun} and {@code lastRun}
 * are kept by the service.
 */
public record ReconciliationSchedule(boolean enabled, String every, String dailyAt, ReconciliationMode mode,
        RepairPolicies policies, Instant nextRun, Instant lastRun) {

    public ReconciliationSchedule {
        mode = mode == null ? ReconciliationMode.REPORT : mode;
        policies = policies == null ? RepairPolicies.DEFAULTS : policies;
    }

    /** A job without a schedule: off. */
    public static ReconciliationSchedule off() {
        return new ReconciliationSchedule(false, null, null, ReconciliationMode.REPORT, RepairPolicies.DEFAULTS, null,
                null);
    }

    /** The first run after {@code now}, or null when off. */
    public Instant nextAfter(Instant now) {
        if (!enabled) {
            return null;
        }
        if (every != null) {
            return now.plus(Duration.parse(every));
        }
        LocalTime time = LocalTime.parse(dailyAt);
        ZonedDateTime today = now.atZone(ZoneOffset.UTC).with(time);
        return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
    }
}
