package io.scimitar.mock.schema;

import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.json.ScimJson;
import io.scimitar.mock.query.ListResponse;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** SCIM discovery: /ServiceProviderConfig, /ResourceTypes and /Schemas as Miro declares them. */
@Path("/api/v1/scim")
@NonBlocking
@Tag(name = "SCIM discovery")
public class DiscoveryResource {

    private final ScimJson json;
    private final MockConfig config;

    public DiscoveryResource(ScimJson json, MockConfig config) {
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("/ServiceProviderConfig")
    public Response serviceProviderConfig() {
        return json.ok(ServiceProviderConfig.miro(config.limits().maxPageSize()));
    }

    @GET
    @Path("/ResourceTypes")
    public Response resourceTypes() {
        List<ResourceType> types = List.of(ResourceType.USER, ResourceType.GROUP);
        return json.ok(ListResponse.of(types.size(), 1, types));
    }

    @GET
    @Path("/ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        if (name.equalsIgnoreCase("User")) {
            return json.ok(ResourceType.USER);
        }
        if (name.equalsIgnoreCase("Group")) {
            return json.ok(ResourceType.GROUP);
        }
        throw ScimException.notFound("ResourceType " + name + " not found");
    }

    @GET
    @Path("/Schemas")
    public Response schemas() {
        List<SchemaDefinition> schemas = ScimSchemas.all();
        return json.ok(ListResponse.of(schemas.size(), 1, schemas));
    }

    @GET
    @Path("/Schemas/{uri}")
    public Response schema(@PathParam("uri") String uri) {
        SchemaDefinition schema = ScimSchemas.byUrn(uri);
        if (schema == null) {
            throw ScimException.notFound("Schema " + uri + " not found");
        }
        return json.ok(schema);
    }
}
