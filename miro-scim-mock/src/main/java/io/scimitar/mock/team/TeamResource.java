package io.scimitar.mock.team;

import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.patch.PatchRequest;
import io.scimitar.mock.query.AttributeProjection;
import io.scimitar.mock.query.PageRequest;
import io.scimitar.mock.query.SortRequest;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SCIM /Groups endpoints. Teams model: create, replace and delete are refused with 405, as Miro does; user-group
 * model: they create (201), replace (200) and delete (204) user groups.
 */
@Path("/api/v1/scim/Groups")
@NonBlocking
@Tag(name = "SCIM Groups (Miro teams or user groups)")
public class TeamResource {

    private static final String NOT_SUPPORTED = "Miro doesn't support the requested method: teams cannot be %s over SCIM, contact Miro Support";

    private final TeamService teams;
    private final ScimJson json;
    private final MockConfig config;
    private final MockSettings settings;

    public TeamResource(TeamService teams, ScimJson json, MockConfig config, MockSettings settings) {
        this.teams = teams;
        this.json = json;
        this.config = config;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "List teams (filter on displayName, paging, sorting)")
    public Response list(@QueryParam("filter") String filter,
                         @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count,
                         @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder,
                         @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes) {
        PageRequest page = PageRequest.of(startIndex, count, config.limits().defaultPageSize(), config.limits().maxPageSize());
        return json.ok(teams.list(filter, page, SortRequest.of(sortBy, sortOrder),
                AttributeProjection.of(attributes, excludedAttributes)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a team; honours excludedAttributes=members")
    public Response get(@PathParam("id") String id,
                        @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        return json.ok(teams.get(id, AttributeProjection.of(attributes, excludedAttributes)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Add, remove or replace members; rename")
    public Response patch(@PathParam("id") String id,
                          @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes,
                          byte[] body) {
        if (body != null && body.length > config.limits().maxPatchBytes()) {
            throw new ScimException(413, null, "Payload of " + body.length + " bytes is over Miro's limit of "
                    + config.limits().maxPatchBytes() + " bytes");
        }
        return json.ok(teams.patch(id, PatchRequest.read(json, body), AttributeProjection.of(attributes, excludedAttributes)));
    }

    @POST
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Create a user group (user-group model); 405 in the teams model")
    public Response create(byte[] body) {
        if (!settings.userGroups()) {
            throw new ScimException(405, null, NOT_SUPPORTED.formatted("created"));
        }
        var created = teams.createUserGroup(json.parseObject(body));
        return Response.status(201)
                .entity(json.bytes(created))
                .type(ScimJson.SCIM_MEDIA_TYPE)
                .header("Location", created.get("meta").get("location").asText())
                .build();
    }

    @PUT
    @Path("/{id}")
    @Consumes({ScimJson.SCIM_MEDIA_TYPE, "application/json"})
    @Operation(summary = "Replace a user group (user-group model); 405 in the teams model")
    public Response replace(@PathParam("id") String id, byte[] body) {
        if (!settings.userGroups()) {
            throw new ScimException(405, null, "Miro doesn't support the requested method: use PATCH to change a team");
        }
        return json.ok(teams.replaceUserGroup(id, json.parseObject(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user group (user-group model); 405 in the teams model")
    public Response delete(@PathParam("id") String id) {
        if (!settings.userGroups()) {
            throw new ScimException(405, null, NOT_SUPPORTED.formatted("deleted"));
        }
        teams.deleteUserGroup(id);
        return Response.noContent().build();
    }
}
