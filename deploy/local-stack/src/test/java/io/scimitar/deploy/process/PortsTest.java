package io.scimitar.deploy.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    /** Below the ephemeral ports where the kernel tells them, so that no outgoing connection takes one meanwhile. */
    @Test
    void aFreePortIsBindableBelowTheEphemeralRangeAndNeverHandedOutTwice() throws IOException {
        int ephemeralStart = Ports.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.freePort();
            assertThat(ports.add(port)).as("port %d handed out once", port).isTrue();
            if (ephemeralStart > Ports.LOWEST + 1_000) {
                assertThat(port).isBetween(Ports.LOWEST, ephemeralStart - 1);
            }
        }
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            }
        }
    }
}
