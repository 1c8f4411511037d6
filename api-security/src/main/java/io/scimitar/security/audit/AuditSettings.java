package io.scimitar.security.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the audit trail of /api writes is kept. */
@ConfigMapping(prefix = "scimitar.audit")
public interface AuditSettings {

    /** How long audit records are kept; older ones are deleted every {@link #purgeInterval()}. */
    @WithDefault("365d")
    Duration retention();

    @WithDefault("1h")
    Duration purgeInterval();

    /**
     * Whether writes are refused (503) while audit records cannot be stored: a careful identity product does not
     * change what it cannot account for. Records that failed are kept in memory and retried meanwhile.
     */
    @WithDefault("true")
    boolean failClosed();

    /** How often records that could not be stored are tried again. */
    @WithDefault("5s")
    Duration retryInterval();

    /** Records waiting to be stored beyond this number are dropped (each drop logged at ERROR). */
    @WithDefault("10000")
    int maxPending();
}
