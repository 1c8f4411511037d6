package io.scimitar.deploy;

import io.scimitar.deploy.process.Ports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private static final Path ROOT = Path.of("/tmp/scimitar-root");

    @Test
    void runsOneInstanceOfEachServiceByDefault() {
        StackSettings settings = StackSettings.parse(ROOT, List.of());

        assertThat(settings.provisioners()).isEqualTo(1);
        assertThat(settings.assignmentServices()).isEqualTo(1);
        assertThat(settings.provisionerPort(0)).isEqualTo(8082);
        assertThat(settings.assignmentPort(0)).isEqualTo(8081);
    }

    @Test
    void givesEveryFurtherInstanceThePortOfTheFirstPlusAHundredEach() {
        StackSettings settings = StackSettings.parse(ROOT, List.of("--provisioners", "3", "--assignment-services",
                "2", "--provisioner-port", "9000"));

        assertThat(settings.provisioners()).isEqualTo(3);
        assertThat(settings.assignmentServices()).isEqualTo(2);
        assertThat(List.of(settings.provisionerPort(0), settings.provisionerPort(1), settings.provisionerPort(2)))
                .containsExactly(9000, 9100, 9200);
        assertThat(settings.assignmentPort(1)).isEqualTo(8181);
        assertThat(settings.unparsed()).isEmpty();
    }

    @Test
    void refusesAnInstanceCountOutsideOneToNine() {
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--provisioners", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--provisioners must be a number from 1 to 9, not '0'");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--assignment-services", "ten")))
                .hasMessage("--assignment-services must be a number from 1 to 9, not 'ten'");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--provisioners")))
                .hasMessage("--provisioners needs a value");
    }

    @Test
    void refusesALastInstancePortAbove65535() {
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--provisioners", "2", "--provisioner-port",
                "65500"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
    }

    @Test
    void refusesTwoPartsOnOnePortNamingBoth() {
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--assignment-port", "9000", "--provisioner-port",
                "9000"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--provisioner-port and --assignment-port both use port 9000: give each part of the stack"
                        + " its own port");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--provisioners", "2", "--mock-port", "8182")))
                .hasMessageStartingWith("--provisioner-port (instance 1) and --mock-port both use port 8182");
        assertThatThrownBy(() -> StackSettings.parse(ROOT, List.of("--postgres-port", "19093")))
                .hasMessageStartingWith("--postgres-port and --kafka-port (its controller, N+1) both use port 19093");
    }

    @Test
    void aRelayedStackLeavesTheMailCatchersPortsFree() {
        StackSettings settings = StackSettings.parse(ROOT, List.of("--smtp-relay", "--smtp-port", "8081"));

        assertThat(settings.smtpRelay()).isTrue();
    }

    @Test
    void picksFreePortsAllDistinctForEveryInstance() {
        for (int round = 0; round < 20; round++) {
            StackSettings settings = StackSettings.onFreePorts(ROOT, ROOT.resolve("home"), 3, 2);

            assertThat(settings.assignmentServices()).isEqualTo(3);
            assertThat(settings.provisioners()).isEqualTo(2);
            List<Integer> ports = new ArrayList<>(List.of(settings.kafkaPort(),
                    settings.kafkaControllerPort(), settings.postgresPort(), settings.mockPort(), settings.smtpPort(),
                    settings.mailApiPort(), settings.provisionerPort(0), settings.provisionerPort(1)));
            IntStream.range(0, 3).forEach(i -> ports.add(settings.assignmentPort(i)));
            assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(Ports.isListening(port)).isFalse());
        }
    }
}
