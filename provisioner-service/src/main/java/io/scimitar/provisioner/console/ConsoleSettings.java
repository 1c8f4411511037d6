package io.scimitar.provisioner.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The web console's settings. */
@ConfigMapping(prefix = "scimitar.provisioner.console")
public interface ConsoleSettings {

    /** How often the progress stream sends a job's progress. */
    @WithDefault("1s")
    Duration progressInterval();

    /**
     * How long the directory pages wait for assignment-service's answer (an assignment of a large group publishes
     * its members' events before it answers).
     */
    @WithDefault("60s")
    Duration directoryTimeout();

    /** Sign-in with the identity provider (OIDC), offered when {@code quarkus.oidc} is enabled for the console. */
    Oidc oidc();

    /** The console's OIDC sign-in. */
    interface Oidc {

        /** The name on the sign-in button: "Sign in with {name}". */
        @WithDefault("your identity provider")
        String providerName();
    }
}
