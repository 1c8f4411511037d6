package io.scimitar.provisioner.scim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How we talk to SCIM targets. */
@ConfigMapping(prefix = "scimitar.scim")
public interface ScimClientConfig {

    /** How long to wait for a TCP connection to the target. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long to wait for an answer; Entra gives a target 60 s. */
    @WithDefault("60s")
    Duration readTimeout();

    /** How long Test Connection waits for each answer. */
    @WithDefault("10s")
    Duration testConnectionTimeout();

    /** Connections kept open per target. */
    @WithDefault("32")
    int connectionPoolSize();
}
