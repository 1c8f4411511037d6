package io.scimitar.mock.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.team.GroupKind;
import io.scimitar.mock.team.Team;
import io.scimitar.mock.team.TeamRole;

import java.util.List;
import java.util.Map;

/** The whole mock state as written to (and read from) the snapshot file. */
public record StateSnapshot(List<ObjectNode> users, List<TeamSnapshot> teams) {

    /** A team or user group as stored in the snapshot file; {@code kind} absent (older files) means a team. */
    public record TeamSnapshot(String id, GroupKind kind, String displayName, String externalId, Map<String, TeamRole> members,
                               String created, String lastModified) {

        static TeamSnapshot of(Team team) {
            return new TeamSnapshot(team.id(), team.kind(), team.displayName(), team.externalId(), team.members(),
                    team.created(), team.lastModified());
        }

        Team toTeam() {
            return new Team(id, kind == null ? GroupKind.TEAM : kind, displayName, externalId,
                    members == null ? Map.of() : members, created, lastModified);
        }
    }
}
