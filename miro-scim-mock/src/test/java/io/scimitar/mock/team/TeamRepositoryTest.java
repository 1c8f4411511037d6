package io.scimitar.mock.team;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository answers "which groups is this user in" from an index the teams keep as their members change. */
class TeamRepositoryTest {

    private static final String NOW = "2026-11-28T00:00:00Z";

    private final TeamRepository repository = new TeamRepository();

    private static List<String> ids(List<Team> teams) {
        return teams.stream().map(Team::id).toList();
    }

    @Test
    void knowsTheMembersATeamAlreadyHadWhenItWasStored() {
        repository.put(new Team("12", "Design", Map.of("ada", TeamRole.ADMIN), NOW, NOW));
        repository.put(new Team("9", "Product", Map.of("ada", TeamRole.MEMBER, "bob", TeamRole.MEMBER), NOW, NOW));

        assertThat(ids(repository.groupsOf("ada"))).containsExactly("9", "12");
        assertThat(ids(repository.groupsOf("bob"))).containsExactly("9");
        assertThat(repository.groupsOf("carol")).isEmpty();
    }

    @Test
    void followsMembersWhoJoinAndLeave() {
        Team team = new Team("10", "Product", Map.of(), NOW, NOW);
        repository.put(team);

        team.putMember("ada", TeamRole.MEMBER, true, NOW);
        team.putMember("ada", TeamRole.ADMIN, false, NOW);
        assertThat(ids(repository.groupsOf("ada"))).containsExactly("10");

        team.removeMember("ada", NOW);
        assertThat(repository.groupsOf("ada")).isEmpty();
    }

    @Test
    void followsAPatchThatReplacesTheMembers() {
        Team team = new Team("10", "Product", Map.of("ada", TeamRole.MEMBER), NOW, NOW);
        repository.put(team);

        team.change(change -> {
            change.replace(List.of("bob", "carol"), Map.of());
            return null;
        }, NOW);

        assertThat(repository.groupsOf("ada")).isEmpty();
        assertThat(ids(repository.groupsOf("bob"))).containsExactly("10");
        assertThat(ids(repository.groupsOf("carol"))).containsExactly("10");
    }

    @Test
    void aPatchThatFailsChangesNoMembership() {
        Team team = new Team("10", "Product", Map.of("ada", TeamRole.MEMBER), NOW, NOW);
        repository.put(team);

        try {
            team.change(change -> {
                change.replace(List.of("bob"), Map.of());
                throw new IllegalStateException("refused");
            }, NOW);
        } catch (IllegalStateException expected) {
            // the change is refused as a whole
        }

        assertThat(ids(repository.groupsOf("ada"))).containsExactly("10");
        assertThat(repository.groupsOf("bob")).isEmpty();
    }

    @Test
    void forgetsTeamsThatAreRemovedReplacedOrCleared() {
        repository.put(new Team("10", "Product", Map.of("ada", TeamRole.MEMBER), NOW, NOW));
        repository.put(new Team("11", "Design", Map.of("ada", TeamRole.MEMBER), NOW, NOW));

        repository.remove("10");
        assertThat(ids(repository.groupsOf("ada"))).containsExactly("11");

        Team detached = repository.get("11");
        repository.put(new Team("11", "Design", Map.of("bob", TeamRole.MEMBER), NOW, NOW));
        detached.putMember("carol", TeamRole.MEMBER, true, NOW);
        assertThat(repository.groupsOf("ada")).isEmpty();
        assertThat(ids(repository.groupsOf("bob"))).containsExactly("11");
        assertThat(repository.groupsOf("carol")).isEmpty();

        repository.clear();
        assertThat(repository.groupsOf("bob")).isEmpty();
    }
}
