package io.scimitar.provisioner.drift;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How reconciliations read the target and how often schedules are looked at. */
@ConfigMapping(prefix = "scimitar.provisioner.drift")
public interface DriftSettings {

    /** Groups per page (groups are read with their members, so pages are smaller than the users'). */
    @WithDefault("100")
    int groupPageSize();

    /** How often each job's reconciliation schedule is checked. */
    @WithDefault("30s")
    Duration scheduleCheckInterval();

    /** The shortest period a schedule may have (tests use seconds). */
    @WithDefault("15m")
    Duration minimumScheduleInterval();

    /** Differences kept per reconciliation; beyond it they are counted, not stored. */
    @WithDefault("200000")
    int maxStoredDifferences();
}
