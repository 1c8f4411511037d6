package io.scimitar.provisioner.targethost;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides which hosts may receive a job's token: the deny list first, then the allow list; loopback, link-local,
 * private and other non-public addresses are refused unless allowed. Judged on the host name and on every address it
 * resolves to, each time a request is about to go out, so a name that later resolves elsewhere (DNS rebinding) is
 * caught. The HTTP client resolves through the same JVM resolver and its cache.
 */
@ApplicationScoped
public class TargetHostPolicy {

    /** Addresses no SaaS target has: this network, private, shared, loopback, link-local, multicast, reserved. */
    private static final List<HostPattern> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(HostPattern::parse).toList();

    private final List<HostPattern> allow;
    private final List<HostPattern> deny;
    private final boolean allowOnly;

    public TargetHostPolicy(TargetHostSettings settings) {
        this.allow = patterns("allow", settings.allow().orElse(List.of()));
        this.deny = patterns("deny", settings.deny().orElse(List.of()));
        this.allowOnly = settings.allowOnly();
    }

    /**
     * Judges the host of {@code target}, resolving it (off the event loop when it is a name). A name that does not
     * resolve is permitted here: the request itself then fails to connect.
     */
    public Uni<TargetHostVerdict> check(URI target) {
        String host = target.getHost();
        if (host == null) {
            return Uni.createFrom().item(TargetHostVerdict.refused("the URL has no host"));
        }
        String name = HostPattern.canonical(host);
        if (HostPattern.looksLikeAddress(name)) {
            return Uni.createFrom().item(() -> judge(name, resolve(name)));
        }
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<TargetHostVerdict> resolved = Uni.createFrom().item(() -> judge(name, resolve(name)))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            // back on the caller's Vert.x context, where a reactive session or transaction may be waiting
            return caller == null ? resolved : resolved.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        });
    }

    /** Judges a host name and the addresses it resolved to (none when it did not resolve). */
    TargetHostVerdict judge(String host, List<InetAddress> addresses) {
        for (HostPattern pattern : deny) {
            if (pattern.matchesName(host) || addresses.stream().anyMatch(pattern::matchesAddress)) {
                return TargetHostVerdict.refused("the host " + host + " is denied by "
                        + "scimitar.provisioner.target-hosts.deny");
            }
        }
        boolean nameAllowed = allow.stream().anyMatch(pattern -> pattern.matchesName(host));
        if (allowOnly && !nameAllowed && (addresses.isEmpty() || !addresses.stream().allMatch(this::allowed))) {
            return TargetHostVerdict.refused("the host " + host + " is not in scimitar.provisioner.target-hosts.allow, "
                    + "and only allowed hosts may be targets");
        }
        for (InetAddress address : addresses) {
            if (!nameAllowed && !allowed(address) && NOT_PUBLIC.stream().anyMatch(p -> p.matchesAddress(address))) {
                return TargetHostVerdict.refused("the host " + host + " is (or resolves to) " + address.getHostAddress()
                        + ", a loopback, link-local, private or reserved address; allow it in "
                        + "scimitar.provisioner.target-hosts.allow if it is a legitimate target");
            }
        }
        return TargetHostVerdict.PERMITTED;
    }

    private boolean allowed(InetAddress address) {
        return allow.stream().anyMatch(pattern -> pattern.matchesAddress(address));
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    private static List<HostPattern> patterns(String list, List<String> entries) {
        return entries.stream().filter(entry -> entry != null && !entry.isBlank()).map(entry -> {
            try {
                return HostPattern.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("scimitar.provisioner.target-hosts." + list + ": " + e.getMessage(), e);
            }
        }).toList();
    }
}
