package io.scimitar.provisioner.targethost;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Which hosts jobs may send their token to. Entries are host names ({@code scim.example.com}), domain suffixes
 * ({@code .example.com} or {@code *.example.com}: every name under it), IP addresses or CIDR ranges
 * ({@code 10.1.0.0/16}, {@code fd00::/8}).
 */
@ConfigMapping(prefix = "scimitar.provisioner.target-hosts")
public interface TargetHostSettings {

    /**
     * Targets permitted although their addresses are loopback, link-local, private or otherwise not public (which
     * are refused unless listed here).
     */
    Optional<List<String>> allow();

    /** Targets always refused, even when also allowed. */
    Optional<List<String>> deny();

    /** When true, only targets matching {@link #allow()} are permitted, public or not. */
    @WithDefault("false")
    boolean allowOnly();
}
