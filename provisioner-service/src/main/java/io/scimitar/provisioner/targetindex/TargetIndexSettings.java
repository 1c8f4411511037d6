package io.scimitar.provisioner.targetindex;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a job reads its target into the target index when it starts. */
@ConfigMapping(prefix = "scimitar.provisioner.target-index")
public interface TargetIndexSettings {

    /** false: no read; every unlinked object is matched by filter queries, as Entra does. */
    @WithDefault("true")
    boolean enabled();

    /** Resources per page from a Miro target (Miro's maximum). */
    @WithDefault("1000")
    int miroPageSize();

    /** Resources per page from a generic SCIM 2.0 target (RFC 7644 leaves the maximum to the server). */
    @WithDefault("100")
    int genericPageSize();

    /** How often one page is asked for before the read is given up (the job then matches by queries). */
    @WithDefault("4")
    int pageAttempts();

    /** The first wait before a page is asked for again, doubled each time. */
    @WithDefault("1s")
    Duration pageRetryBackoff();
}
