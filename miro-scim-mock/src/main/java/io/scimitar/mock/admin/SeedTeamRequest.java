package io.scimitar.mock.admin;

import io.scimitar.mock.team.TeamRole;

import java.util.Map;

/** Seeds a team: its name and, optionally, existing users with their role ({@code {"<userId>":"ADMIN"}}). */
public record SeedTeamRequest(String displayName, Map<String, TeamRole> members) {
}
