package io.scimitar.mock.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The whole state as end-to-end checks compare it: SCIM users (with the groups of the current model), teams with
 * member roles, and user groups (members all MEMBER, with externalId).
 */
public record StateExport(String defaultTeamId, List<ObjectNode> users, List<TeamView> teams, List<TeamView> userGroups) {
}
