package io.scimitar.assignment.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the service waits on its database. */
@ConfigMapping(prefix = "scimitar.assignment.database")
public interface DatabaseConfig {

    /** The longest a single statement (or getting a connection) may take before the unit of work fails. */
    @WithDefault("60s")
    Duration statementTimeout();
}
