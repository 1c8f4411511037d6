package io.scimitar.mock.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.fault.FaultInjector;
import io.scimitar.mock.fault.FaultRule;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.ratelimit.RateLimiter;
import io.scimitar.mock.state.StateLifecycle;
import io.scimitar.mock.team.GroupKind;
import io.scimitar.mock.team.Team;
import io.scimitar.mock.team.TeamRepository;
import io.scimitar.mock.team.TeamRole;
import io.scimitar.mock.team.TeamService;
import io.scimitar.mock.user.UserService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test-control API outside the SCIM path: seed teams and change their members, reset, export, counters, settings and
 * fault injection (users are changed through {@link UserAdminResource}).
 */
@jakarta.ws.rs.Path("/admin")
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin (test control)")
public class AdminResource {

    private final StateLifecycle state;
    private final TeamService teamService;
    private final TeamRepository teams;
    private final UserService users;
    private final RequestCounters counters;
    private final FaultInjector faults;
    private final MockSettings settings;
    private final RateLimiter rateLimiter;
    private final ScimJson json;
    private final MockConfig config;

    public AdminResource(StateLifecycle state, TeamService teamService, TeamRepository teams, UserService users,
                         RequestCounters counters, FaultInjector faults, MockSettings settings, RateLimiter rateLimiter,
                         ScimJson json, MockConfig config) {
        this.state = state;
        this.teamService = teamService;
        this.teams = teams;
        this.users = users;
        this.counters = counters;
        this.faults = faults;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.json = json;
        this.config = config;
    }

    @POST
    @jakarta.ws.rs.Path("/reset")
    @Operation(summary = "Clear users, teams, faults, counters, rate-limit windows and settings; recreate the default team")
    public Response reset() {
        state.reset();
        return Response.noContent().build();
    }

    /**
     * Streamed on a worker thread, one user rendered at a time: the whole export of a large organisation (100,000
     * users is some 200 MB of JSON) never sits in memory at once, and the event loop keeps answering SCIM meanwhile.
     */
    @GET
    @jakarta.ws.rs.Path("/state")
    @Blocking
    @Operation(summary = "Export the whole state (users, teams, user groups)")
    @APIResponse(responseCode = "200", description = "The state, streamed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StateExport.class)))
    public StreamingOutput export() {
        String defaultTeamId = teamService.defaultTeamId();
        return output -> {
            JsonGenerator generator = json.mapper().createGenerator(output);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.writeStartObject();
            generator.writeStringField("defaultTeamId", defaultTeamId);
            generator.writeArrayFieldStart("users");
            try {
                users.forEachRendered(user -> {
                    try {
                        generator.writeTree(user);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.writeEndArray();
            writeTeams(generator, "teams", GroupKind.TEAM);
            writeTeams(generator, "userGroups", GroupKind.USER_GROUP);
            generator.writeEndObject();
            generator.close();
        };
    }

    private void writeTeams(JsonGenerator generator, String field, GroupKind kind) throws IOException {
        generator.writeArrayFieldStart(field);
        for (Team team : teams.all(kind)) {
            generator.writeObject(TeamView.of(team));
        }
        generator.writeEndArray();
    }

    @POST
    @jakarta.ws.rs.Path("/teams")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Seed a team (SCIM cannot create teams)")
    public Response seedTeam(byte[] body) {
        SeedTeamRequest request = json.convertStrict(json.parseObject(body), SeedTeamRequest.class, "team");
        Team team = teamService.create(request.displayName());
        if (request.members() != null) {
            for (Map.Entry<String, TeamRole> member : request.members().entrySet()) {
                team = teamService.setRole(team.id(), member.getKey(), member.getValue() == null ? TeamRole.MEMBER : member.getValue());
            }
        }
        return Response.status(201).entity(TeamView.of(team)).build();
    }

    @GET
    @jakarta.ws.rs.Path("/teams")
    public List<TeamView> teams() {
        return teams.all(GroupKind.TEAM).stream().map(TeamView::of).toList();
    }

    @PUT
    @jakarta.ws.rs.Path("/teams/{teamId}/members/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a user in a team with a role: {\"role\":\"ADMIN\"|\"MEMBER\"}")
    public TeamView setMember(@PathParam("teamId") String teamId, @PathParam("userId") String userId, byte[] body) {
        ObjectNode request = json.parseObject(body);
        String role = request.path("role").asText("MEMBER");
        TeamRole teamRole = Arrays.stream(TeamRole.values()).filter(r -> r.name().equalsIgnoreCase(role)).findFirst()
                .orElseThrow(() -> ScimException.invalidValue("role must be ADMIN or MEMBER"));
        return TeamView.of(teamService.setRole(teamId, userId, teamRole));
    }

    @DELETE
    @jakarta.ws.rs.Path("/teams/{teamId}/members/{userId}")
    @Operation(summary = "Take a user out of a team as an administrator does in Miro (its last admin: 409)")
    public TeamView removeMember(@PathParam("teamId") String teamId, @PathParam("userId") String userId) {
        return TeamView.of(teamService.removeMember(teamId, userId));
    }

    @GET
    @jakarta.ws.rs.Path("/counters")
    @Operation(summary = "Requests per endpoint class and status")
    public Map<String, Map<String, Long>> counters() {
        return counters.snapshot();
    }

    @DELETE
    @jakarta.ws.rs.Path("/counters")
    public Response resetCounters() {
        counters.reset();
        return Response.noContent().build();
    }

    @GET
    @jakarta.ws.rs.Path("/faults")
    public List<FaultRule> faults() {
        return faults.rules();
    }

    @PUT
    @jakarta.ws.rs.Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace all fault rules with a JSON array")
    public List<FaultRule> replaceFaults(byte[] body) {
        FaultRule[] rules = json.convertStrict(parseArray(body), FaultRule[].class, "fault rule");
        if (Arrays.asList(rules).contains(null)) {
            throw ScimException.invalidValue("A fault rule must be a JSON object, not null");
        }
        faults.replace(Arrays.asList(rules));
        return faults.rules();
    }

    @POST
    @jakarta.ws.rs.Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add one fault rule")
    public Response addFault(byte[] body) {
        faults.add(json.convertStrict(json.parseObject(body), FaultRule.class, "fault rule"));
        return Response.status(201).entity(faults.rules()).build();
    }

    @DELETE
    @jakarta.ws.rs.Path("/faults")
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    @GET
    @jakarta.ws.rs.Path("/settings")
    public AdminSettings settings() {
        return new AdminSettings(settings.scimEnabled(), settings.rateLimitsEnabled(), List.copyOf(settings.allowedDomains()),
                settings.duplicateUserName(), rateLimiter.budgets(), settings.rateLimitWindow().toSeconds(),
                settings.groupModel(), settings.maxUsers(), settings.maxGroups(), settings.userNameFilterCaseExact());
    }

    @PUT
    @jakarta.ws.rs.Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change runtime settings; absent fields stay as they are")
    public AdminSettings changeSettings(byte[] body) {
        AdminSettings change = json.convertStrict(json.parseObject(body), AdminSettings.class, "settings");
        check(change);
        if (change.scimEnabled() != null) {
            settings.scimEnabled(change.scimEnabled());
        }
        if (change.rateLimitsEnabled() != null) {
            settings.rateLimitsEnabled(change.rateLimitsEnabled());
        }
        if (change.allowedDomains() != null) {
            settings.allowedDomains(change.allowedDomains());
        }
        if (change.duplicateUserName() != null) {
            settings.duplicateUserName(change.duplicateUserName());
        }
        if (change.groupModel() != null) {
            settings.groupModel(change.groupModel());
        }
        if (change.rateLimitBudgets() != null) {
            change.rateLimitBudgets().forEach(rateLimiter::budget);
        }
        if (change.maxUsers() != null) {
            settings.maxUsers(change.maxUsers());
        }
        if (change.maxGroups() != null) {
            settings.maxGroups(change.maxGroups());
        }
        if (change.userNameFilterCaseExact() != null) {
            settings.userNameFilterCaseExact(change.userNameFilterCaseExact());
        }
        return settings();
    }

    /** Every field is checked before any is applied: a bad request changes nothing. */
    private static void check(AdminSettings change) {
        if (change.rateLimitWindowSeconds() != null) {
            throw ScimException.invalidValue("The rate-limit window is fixed by miro-mock.rate-limits.window");
        }
        if (change.rateLimitBudgets() != null) {
            change.rateLimitBudgets().forEach((bucket, budget) -> {
                if (bucket == null || budget == null || budget < 0) {
                    throw ScimException.invalidValue("rateLimitBudgets." + bucket + " must be a number of requests, 0 or more; got "
                            + budget);
                }
            });
        }
        if (change.allowedDomains() != null && change.allowedDomains().contains(null)) {
            throw ScimException.invalidValue("allowedDomains must be a list of domain names, without null");
        }
        if (change.maxUsers() != null && change.maxUsers() < 0) {
            throw ScimException.invalidValue("maxUsers must be 0 or more; got " + change.maxUsers());
        }
        if (change.maxGroups() != null && change.maxGroups() < 1) {
            throw ScimException.invalidValue("maxGroups must be 1 or more (the default team counts); got " + change.maxGroups());
        }
    }

    @POST
    @jakarta.ws.rs.Path("/snapshot")
    @Blocking
    @Operation(summary = "Write the snapshot file now (needs miro-mock.snapshot-file)")
    public Response writeSnapshot() {
        java.nio.file.Path file = config.snapshotFile()
                .orElseThrow(() -> new ScimException(409, null, "miro-mock.snapshot-file is not configured"));
        state.write(file);
        return Response.noContent().build();
    }

    private com.fasterxml.jackson.databind.JsonNode parseArray(byte[] body) {
        try {
            var node = json.mapper().readTree(body);
            if (node == null || !node.isArray()) {
                throw ScimException.invalidSyntax("Expected a JSON array of fault rules");
            }
            return node;
        } catch (java.io.IOException e) {
            throw ScimException.invalidSyntax("Malformed JSON");
        }
    }
}
