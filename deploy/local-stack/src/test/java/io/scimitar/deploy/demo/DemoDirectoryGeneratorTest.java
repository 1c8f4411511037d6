package io.scimitar.deploy.demo;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDirectoryGeneratorTest {

    private static final int DEPARTMENTS = 12;

    @Test
    void makesOneTeamPerHundredUsersUpToTenThousand() {
        assertThat(DemoDirectoryGenerator.teamCount(20_000, DEPARTMENTS)).isEqualTo(200);
        assertThat(DemoDirectoryGenerator.teamCount(1_000_000, DEPARTMENTS)).isEqualTo(10_000);
        assertThat(DemoDirectoryGenerator.teamCount(500, DEPARTMENTS)).isEqualTo(DEPARTMENTS);
    }

    @Test
    void keepsTheHundredThousandUserDirectoryAtAThousandTeamsEachWithItsHundredMembers() {
        DemoDirectory directory = DemoDirectoryGenerator.generate(
                new DemoDirectoryGenerator.Shape(100_000, 42, DemoDirectoryGenerator.DOMAIN, true));

        assertThat(directory.groups()).hasSize(1_000);
        Set<String> teamsWithMembers = new HashSet<>();
        directory.memberships().forEach(membership -> teamsWithMembers.add(membership.groupId()));
        assertThat(teamsWithMembers).hasSize(1_000);
        assertThat(directory.memberships()).hasSize(100_000);
        assertThat(directory.assignments()).hasSize(11_000);
    }
}
