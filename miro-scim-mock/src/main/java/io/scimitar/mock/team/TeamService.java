package io.scimitar.mock.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.json.JsonFields;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.AttributePath;
import io.scimitar.mock.filter.Filter;
import io.scimitar.mock.filter.FilterEvaluator;
import io.scimitar.mock.filter.FilterParser;
import io.scimitar.mock.patch.PatchRequest;
import io.scimitar.mock.query.AttributeProjection;
import io.scimitar.mock.query.ListResponse;
import io.scimitar.mock.query.PageRequest;
import io.scimitar.mock.query.SortRequest;
import io.scimitar.mock.schema.ScimSchemas;
import io.scimitar.mock.state.IdGenerator;
import io.scimitar.mock.state.Timestamps;
import io.scimitar.mock.user.UserRepository;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SCIM Groups in either Miro model ({@code miro-mock.group-model}): teams (legacy: read and PATCH; created only
 * through the admin API) or user groups (new model: create, replace, PATCH, delete). Only the groups of the current
 * model are visible over SCIM.
 */
@Singleton
public class TeamService {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TeamRepository teams;
    private final UserRepository users;
    private final IdGenerator ids;
    private final MockConfig config;
    private final MockSettings settings;
    /** Serialises the user-group changes that must keep displayName unique; taken before any group's monitor. */
    private final Object userGroupNames = new Object();
    private volatile String defaultTeamId;

    public TeamService(TeamRepository teams, UserRepository users, IdGenerator ids, MockConfig config, MockSettings settings) {
        this.teams = teams;
        this.users = users;
        this.ids = ids;
        this.config = config;
        this.settings = settings;
    }

    /** The kind of group SCIM /Groups serves under the current group model. */
    private GroupKind scimKind() {
        return settings.userGroups() ? GroupKind.USER_GROUP : GroupKind.TEAM;
    }

    /** The group with this id in the current model, or a 404 SCIM error. */
    private Team requireScimGroup(String id) {
        Team team = teams.get(id);
        if (team == null || team.kind() != scimKind()) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return team;
    }

    /** Creates the default team unless a team of that name exists (e.g. loaded from a snapshot). */
    public void ensureDefaultTeam() {
        defaultTeamId = teams.all(GroupKind.TEAM).stream()
                .filter(t -> t.displayName().equalsIgnoreCase(config.defaultTeamName()))
                .map(Team::id)
                .findFirst()
                .orElseGet(() -> create(config.defaultTeamName()).id());
    }

    public String defaultTeamId() {
        return defaultTeamId;
    }

    /** Creates a team (admin API only: SCIM cannot create teams); 409 when the name is taken. */
    public Team create(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw ScimException.invalidValue("displayName is required");
        }
        if (teams.displayNameTaken(GroupKind.TEAM, displayName, null)) {
            throw ScimException.conflict("uniqueness", "A team named '" + displayName + "' already exists");
        }
        requireRoomForGroup();
        String now = now();
        Team team = new Team(ids.next(), displayName, Map.of(), now, now);
        teams.put(team);
        return team;
    }

    private void requireRoomForGroup() {
        if (teams.values().size() >= settings.maxGroups()) {
            throw ScimException.full("The organization holds " + settings.maxGroups()
                    + " teams and user groups, the most this mock is configured for (miro-mock.limits.max-groups)");
        }
    }

    /** Sets a user's role in a team, adding the user as member if needed (admin API). */
    public Team setRole(String teamId, String userId, TeamRole role) {
        Team team = teams.require(teamId);
        if (team.isUserGroup()) {
            throw ScimException.notFound("Team " + teamId + " not found (it is a user group)");
        }
        if (!users.exists(userId)) {
            throw ScimException.notFound("User " + userId + " not found");
        }
        team.putMember(userId, role, false, now());
        return team;
    }

    /**
     * Takes a user out of a team, as an administrator does in Miro (admin API); 404 when the user is not a member, 409
     * for the team's last admin (the rule of SCIM PATCH and DELETE /Users).
     */
    public Team removeMember(String teamId, String userId) {
        Team team = teams.require(teamId);
        if (team.isUserGroup()) {
            throw ScimException.notFound("Team " + teamId + " not found (it is a user group)");
        }
        team.change(change -> {
            TeamRole role = change.members.get(userId);
            if (role == null) {
                throw ScimException.notFound("User " + userId + " is not a member of team '" + change.displayName + "'");
            }
            if (role == TeamRole.ADMIN && change.adminCount() == 1) {
                throw ScimException.conflict(null, "The last admin of team '" + change.displayName + "' cannot be removed");
            }
            change.remove(userId);
            return null;
        }, now());
        return team;
    }

    /** Adds a new user to the default team; {@code now} is the user's creation time, also the team's lastModified. */
    public void addToDefaultTeam(String userId, String now) {
        String teamId = defaultTeamId;
        Team team = teamId == null ? null : teams.get(teamId);
        if (team != null) {
            team.putMember(userId, TeamRole.MEMBER, true, now);
        }
    }

    /** The user's {@code groups} attribute: the groups of the current model (teams or user groups) they belong to. */
    public ArrayNode groupsOf(String userId) {
        ArrayNode groups = null;
        GroupKind kind = scimKind();
        for (Team team : teams.groupsOf(userId)) {
            if (team.kind() == kind) {
                if (groups == null) {
                    groups = NODES.arrayNode();
                }
                groups.addObject()
                        .put("value", team.id())
                        .put("display", team.displayName())
                        .put("$ref", config.locationBaseUrl() + "/Groups/" + team.id());
            }
        }
        return groups;
    }

    /** Refuses to delete a user who is the last admin of a team, as Miro does. */
    public void checkRemovable(String userId) {
        for (Team team : teams.groupsOf(userId)) {
            if (team.isUserGroup()) {
                continue;
            }
            if (team.roleOf(userId) == TeamRole.ADMIN && team.adminCount() == 1) {
                throw ScimException.conflict(null, "User " + userId + " is the last admin of team '" + team.displayName()
                        + "' and cannot be removed");
            }
        }
    }

    public void removeEverywhere(String userId) {
        for (Team team : teams.groupsOf(userId)) {
            team.removeMember(userId, now());
        }
    }

    public ObjectNode get(String id, AttributeProjection projection) {
        return projection.apply(render(requireScimGroup(id), !projection.excludes("members")));
    }

    public ListResponse<ObjectNode> list(String filterText, PageRequest page, SortRequest sort, AttributeProjection projection) {
        Filter filter = filterText == null || filterText.isBlank() ? null : FilterParser.parse(filterText);
        if (filter != null) {
            rejectComplexFilter(filter);
        }
        List<JsonNode> matched = new ArrayList<>();
        Map<String, Team> byId = new LinkedHashMap<>();
        for (Team team : teams.all(scimKind())) {
            ObjectNode summary = render(team, false);
            if (filter == null || FilterEvaluator.matches(filter, summary)) {
                matched.add(summary);
                byId.put(team.id(), team);
            }
        }
        sort.sort(matched);
        boolean withMembers = !projection.excludes("members");
        List<ObjectNode> pageResources = page.slice(matched).stream()
                .map(summary -> projection.apply(render(byId.get(summary.get("id").asText()), withMembers)))
                .collect(Collectors.toList());
        return ListResponse.of(matched.size(), page.startIndex(), pageResources);
    }

    public ObjectNode patch(String id, PatchRequest request, AttributeProjection projection) {
        int memberValues = TeamPatcher.memberValueCount(request.operations());
        if (memberValues > config.limits().maxPatchMembers()) {
            throw new ScimException(413, null, "A PATCH may change at most " + config.limits().maxPatchMembers()
                    + " members; this one has " + memberValues);
        }
        Team team = requireScimGroup(id);
        if (team.isUserGroup()) {
            synchronized (userGroupNames) {
                team.change(change -> {
                    TeamPatcher.apply(change, new LinkedHashMap<>(change.members), request.operations());
                    checkUserGroup(team.id(), change);
                    return null;
                }, now());
            }
            return projection.apply(render(team, !projection.excludes("members")));
        }
        List<String> reactivate = team.change(change -> {
            Map<String, TeamRole> before = new LinkedHashMap<>(change.members);
            long adminsBefore = change.adminCount();
            TeamPatcher.apply(change, before, request.operations());
            rejectUnknownMembers(change);
            if (adminsBefore > 0 && change.adminCount() == 0) {
                throw ScimException.conflict(null, "The last admin of team '" + team.displayName() + "' cannot be removed");
            }
            return List.copyOf(change.added);
        }, now());
        for (String userId : reactivate) {
            JsonNode user = users.get(userId);
            if (user != null && !user.path("active").asBoolean(true)) {
                users.update(userId, current -> {
                    ObjectNode next = current.deepCopy();
                    next.put("active", true);
                    ((ObjectNode) next.get("meta")).put("lastModified", now());
                    return next;
                }, userName -> ScimException.invalidValue("User name '" + userName + "' is invalid: 'not unique'"));
            }
        }
        return projection.apply(render(team, !projection.excludes("members")));
    }

    /** Creates a user group from a SCIM Group body (user-group model only). */
    public ObjectNode createUserGroup(ObjectNode body) {
        GroupBody group = GroupBody.read(body);
        requireRoomForGroup();
        String now = now();
        Team created = new Team(ids.next(), GroupKind.USER_GROUP, group.displayName(), group.externalId(), Map.of(), now, now);
        synchronized (userGroupNames) {
            created.change(change -> {
                change.replace(group.memberIds(), Map.of());
                checkUserGroup(created.id(), change);
                return null;
            }, now);
            teams.put(created);
        }
        return render(created, true);
    }

    /** Replaces a user group's name, externalId and members (PUT; user-group model only). */
    public ObjectNode replaceUserGroup(String id, ObjectNode body) {
        GroupBody group = GroupBody.read(body);
        Team team = requireScimGroup(id);
        synchronized (userGroupNames) {
            team.change(change -> {
                change.displayName = group.displayName();
                change.externalId = group.externalId();
                change.replace(group.memberIds(), Map.of());
                checkUserGroup(team.id(), change);
                return null;
            }, now());
        }
        return render(team, true);
    }

    /** Deletes a user group (user-group model only); its members stay in the organisation. */
    public void deleteUserGroup(String id) {
        requireScimGroup(id);
        teams.remove(id);
    }

    /** The name must stay unique among user groups (ignoring case) and every member must be a known user. */
    private void checkUserGroup(String id, TeamChange change) {
        if (teams.displayNameTaken(GroupKind.USER_GROUP, change.displayName, id)) {
            throw ScimException.conflict("uniqueness", "A group named '" + change.displayName + "' already exists");
        }
        rejectUnknownMembers(change);
    }

    private void rejectUnknownMembers(TeamChange change) {
        List<String> unknown = change.added.stream().filter(userId -> !users.exists(userId)).toList();
        if (!unknown.isEmpty()) {
            throw ScimException.notFound("No valid resources: " + unknown.stream()
                    .map(userId -> "{memberId=" + userId + ", display=null}")
                    .collect(Collectors.joining(", ", "[", "]")));
        }
    }

    /** The SCIM Group representation of a team or user group. */
    public ObjectNode render(Team team, boolean withMembers) {
        ObjectNode group = NODES.objectNode();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        group.put("id", team.id());
        String externalId = team.externalId();
        if (externalId != null) {
            group.put("externalId", externalId);
        }
        group.put("displayName", team.displayName());
        if (withMembers) {
            ArrayNode members = group.putArray("members");
            for (String userId : team.members().keySet()) {
                JsonNode user = users.get(userId);
                ObjectNode member = members.addObject().put("value", userId).put("type", "User");
                member.put("$ref", config.locationBaseUrl() + "/Users/" + userId);
                if (user != null) {
                    member.put("display", user.has("displayName") ? user.get("displayName").asText() : user.get("userName").asText());
                }
            }
        }
        ObjectNode meta = group.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", team.created());
        meta.put("lastModified", team.lastModified());
        meta.put("location", config.locationBaseUrl() + "/Groups/" + team.id());
        return group;
    }

    private static void rejectComplexFilter(Filter filter) {
        if (filter instanceof Filter.And and) {
            rejectComplexFilter(and.left());
            rejectComplexFilter(and.right());
        } else if (filter instanceof Filter.Or or) {
            rejectComplexFilter(or.left());
            rejectComplexFilter(or.right());
        } else if (filter instanceof Filter.Not not) {
            rejectComplexFilter(not.inner());
        } else {
            AttributePath path = filter instanceof Filter.Compare compare ? compare.path()
                    : filter instanceof Filter.Present present ? present.path() : ((Filter.ValuePath) filter).attribute();
            if (path.attribute().equalsIgnoreCase("members") || filter instanceof Filter.ValuePath) {
                throw ScimException.invalidFilter("Miro does not support filtering on complex Group attributes ('"
                        + path.attribute() + "')");
            }
        }
    }

    static String now() {
        return Timestamps.now();
    }
}
