package io.scimitar.provisioner.targethost;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production defaults refuse non-public addresses; allow and deny lists change that, deny first. */
class TargetHostPolicyTest {

    private static final TargetHostPolicy PRODUCTION = policy(List.of(), List.of(), false);

    @Test
    void refusesLoopbackLinkLocalPrivateAndUnspecifiedAddressesByDefault() {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "169.254.169.254", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "0.0.0.0", "100.64.0.1", "::1", "::", "fe80::1", "fd00::1",
                "fc00::abcd", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "224.0.0.1")) {
            assertThat(PRODUCTION.judge(address, addresses(address)).permitted()).as(address).isFalse();
        }
        assertThat(PRODUCTION.judge("172.32.0.1", addresses("172.32.0.1")).permitted()).isTrue();
        assertThat(PRODUCTION.judge("8.8.8.8", addresses("8.8.8.8")).permitted()).isTrue();
        assertThat(PRODUCTION.judge("2001:db8::1", addresses("2001:db8::1")).permitted()).isTrue();
    }

    @Test
    void judgesANameByEveryAddressItResolvesTo() {
        TargetHostVerdict rebound = PRODUCTION.judge("scim.example.com", addresses("93.184.216.34", "127.0.0.1"));

        assertThat(rebound.permitted()).isFalse();
        assertThat(rebound.reason()).contains("scim.example.com", "127.0.0.1", "target-hosts.allow");
        assertThat(PRODUCTION.judge("scim.example.com", addresses("93.184.216.34")).permitted()).isTrue();
        assertThat(PRODUCTION.judge("unresolvable.example", List.of()).permitted()).isTrue();
    }

    @Test
    void allowsListedRangesAndNamesAndDeniesWhatTheDenyListNamesEvenWhenAllowed() {
        TargetHostPolicy policy = policy(List.of("127.0.0.0/8", ".corp.example", "localhost"),
                List.of("127.0.0.2", "evil.corp.example", "203.0.113.0/24"), false);

        assertThat(policy.judge("127.0.0.1", addresses("127.0.0.1")).permitted()).isTrue();
        assertThat(policy.judge("127.0.0.2", addresses("127.0.0.2")).permitted()).isFalse();
        assertThat(policy.judge("scim.corp.example", addresses("10.0.0.5")).permitted()).isTrue();
        assertThat(policy.judge("evil.corp.example", addresses("10.0.0.6")).permitted()).isFalse();
        assertThat(policy.judge("public.example", addresses("203.0.113.9")).permitted()).isFalse();
        assertThat(policy.judge("LOCALHOST.", addresses("127.0.0.1")).permitted()).isTrue();
        assertThat(policy.judge("169.254.169.254", addresses("169.254.169.254")).permitted()).isFalse();
    }

    @Test
    void allowOnlyPermitsNothingElse() {
        TargetHostPolicy policy = policy(List.of("*.miro.com"), List.of(), true);

        assertThat(policy.judge("miro.example", addresses("93.184.216.34")).permitted()).isFalse();
        assertThat(policy.judge("scim.miro.com", addresses("93.184.216.34")).permitted()).isTrue();
    }

    @Test
    void checksTheHostOfAUrlWithoutResolvingAddresses() {
        assertThat(PRODUCTION.check(URI.create("http://127.0.0.1:55432/scim")).await().indefinitely().permitted())
                .isFalse();
        assertThat(PRODUCTION.check(URI.create("http://[::1]:8080/scim")).await().indefinitely().permitted())
                .isFalse();
    }

    @Test
    void refusesAnEntryItCannotRead() {
        assertThatThrownBy(() -> policy(List.of("10.0.0.0/99"), List.of(), false))
                .hasMessageContaining("target-hosts.allow").hasMessageContaining("10.0.0.0/99");
        assertThatThrownBy(() -> policy(List.of(), List.of("not a host!"), false))
                .hasMessageContaining("target-hosts.deny");
    }

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(literal -> {
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }).toList();
    }

    private static TargetHostPolicy policy(List<String> allow, List<String> deny, boolean allowOnly) {
        return new TargetHostPolicy(new TargetHostSettings() {
            @Override
            public Optional<List<String>> allow() {
                return Optional.of(allow);
            }

            @Override
            public Optional<List<String>> deny() {
                return Optional.of(deny);
            }

            @Override
            public boolean allowOnly() {
                return allowOnly;
            }
        });
    }
}
