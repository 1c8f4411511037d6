package io.scimitar.provisioner.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How closely a running job follows what other provisioner instances decide for it, through PostgreSQL. */
@ConfigMapping(prefix = "scimitar.provisioner.shared-state")
public interface SharedStateSettings {

    /**
     * How often a running job reads its restart requests and its quarantine as stored (one query each per job): how
     * soon it leaves its consumer group for a restart requested elsewhere, and holds or goes on for a quarantine
     * entered or lifted elsewhere; also how often an instance waiting for another's restart looks again.
     */
    @WithDefault("1s")
    Duration interval();
}
