package io.scimitar.provisioner.scim;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The SCIM 2.0 requests we send, relative to a tenant URL; built per target by {@link ScimClientFactory}. Each carries
 * the W3C {@code traceparent} of its span (null: no header).
 */
@Produces({ScimSchemas.MEDIA_TYPE, "application/json"})
interface ScimHttpApi {

    @GET
    @Path("{type}")
    Uni<Response> query(@PathParam("type") String type, @QueryParam("filter") String filter,
            @QueryParam("excludedAttributes") String excludedAttributes, @QueryParam("attributes") String attributes,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @GET
    @Path("{type}")
    Uni<Response> page(@PathParam("type") String type, @QueryParam("count") int count,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @GET
    @Path("{type}")
    Uni<Response> list(@PathParam("type") String type, @QueryParam("startIndex") int startIndex,
            @QueryParam("count") int count, @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @GET
    @Path("{type}/{id}")
    Uni<Response> get(@PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @POST
    @Path("{type}")
    @Consumes(ScimSchemas.MEDIA_TYPE)
    Uni<Response> create(@PathParam("type") String type, String body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @PATCH
    @Path("{type}/{id}")
    @Consumes(ScimSchemas.MEDIA_TYPE)
    Uni<Response> patch(@PathParam("type") String type, @PathParam("id") String id, String body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);

    @DELETE
    @Path("{type}/{id}")
    Uni<Response> delete(@PathParam("type") String type, @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("traceparent") String traceparent);
}
