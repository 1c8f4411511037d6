package io.scimitar.provisioner.targethost;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/** One entry of an allow or deny list: a host name, a domain suffix, an IP address or a CIDR range. */
sealed interface HostPattern {

    /** Whether the host name as written in the tenant URL matches. */
    default boolean matchesName(String host) {
        return false;
    }

    /** Whether one of the addresses the host resolves to matches. */
    default boolean matchesAddress(InetAddress address) {
        return false;
    }

    /**
     * Reads an entry.
     *
     * @throws IllegalArgumentException with a message naming the entry when it is none of the known forms
     */
    static HostPattern parse(String entry) {
        String value = entry.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("*.")) {
            value = value.substring(1);
        }
        if (value.startsWith(".")) {
            return new DomainSuffix(value);
        }
        if (value.contains("/") || looksLikeAddress(value)) {
            return AddressRange.parse(value);
        }
        if (!value.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("'" + entry + "' is not a host name, domain suffix, address or CIDR");
        }
        return new HostName(value);
    }

    static boolean looksLikeAddress(String value) {
        return value.contains(":") || value.matches("[0-9.]+");
    }

    /** The host name in a canonical form: lower case, without brackets or trailing dot. */
    static String canonical(String host) {
        String value = host.toLowerCase(Locale.ROOT);
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }

    /** Exactly this host name. */
    record HostName(String name) implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return canonical(host).equals(name);
        }
    }

    /** Every name under this domain, e.g. {@code .example.com} matches {@code scim.example.com}. */
    record DomainSuffix(String suffix) implements HostPattern {
        @Override
        public boolean matchesName(String host) {
            return canonical(host).endsWith(suffix);
        }
    }

    /** An address range; a single address is a range of one. */
    record AddressRange(byte[] network, int prefixLength, String text) implements HostPattern {

        static AddressRange parse(String value) {
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            if (!looksLikeAddress(address)) {
                throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR range");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR range");
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + value + "' has a prefix longer than its address");
            }
            return new AddressRange(bytes, prefix, value);
        }

        @Override
        public boolean matchesAddress(InetAddress address) {
            byte[] candidate = comparable(address).getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            if (!Arrays.equals(Arrays.copyOf(candidate, full), Arrays.copyOf(network, full))) {
                return false;
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }

        /** An IPv4 address written as IPv6 (mapped {@code ::ffff:a.b.c.d} or compatible {@code ::a.b.c.d}). */
        static InetAddress comparable(InetAddress address) {
            if (!(address instanceof Inet6Address)) {
                return address;
            }
            byte[] bytes = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (bytes[i] != 0) {
                    return address;
                }
            }
            boolean mapped = bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
            boolean compatible = bytes[10] == 0 && bytes[11] == 0 && (bytes[12] != 0 || bytes[13] != 0);
            if (!mapped && !compatible) {
                return address;
            }
            try {
                return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
            } catch (UnknownHostException e) {
                return address;
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
