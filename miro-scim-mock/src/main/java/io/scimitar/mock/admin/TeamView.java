package io.scimitar.mock.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scimitar.mock.team.Team;
import io.scimitar.mock.team.TeamRole;

import java.util.List;

/** A team (or user group) as the admin API shows it: members with their team role; externalId for user groups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamView(String id, String displayName, String externalId, List<Member> members) {

    public record Member(String userId, TeamRole role) {
    }

    static TeamView of(Team team) {
        return new TeamView(team.id(), team.displayName(), team.externalId(),
                team.members().entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList());
    }
}
