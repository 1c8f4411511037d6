package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.scimitar.mock.error.ScimError;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.json.ScimJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Serves the two benchmark-critical SCIM calls, {@code POST /Users} and {@code GET /Users/{id}} without query
 * parameters, as plain Vert.x routes in front of {@link UserResource}: no per-request JAX-RS provider lookup, the body
 * is serialised once to a buffer, and a read reuses the bytes of the stored user ({@link UserViewCache}). Same status
 * codes and bodies as the resource; every other shape (query parameters, other media types, trailing slashes) falls
 * through to {@link UserResource}. Runs after {@code ScimRequestGate}, which is a filter (auth, rate limit, faults,
 * counters).
 */
@Singleton
public class UserFastRoutes {

    private static final Logger LOG = Logger.getLogger(UserFastRoutes.class);
    private static final CharSequence SCIM_MEDIA_TYPE = HttpHeaders.createOptimized(ScimJson.SCIM_MEDIA_TYPE);
    private static final CharSequence LOCATION = HttpHeaders.createOptimized("Location");
    private static final String USERS = "/api/v1/scim/Users";

    private final UserService users;
    private final ScimJson json;

    public UserFastRoutes(UserService users, ScimJson json) {
        this.users = users;
        this.json = json;
    }

    void register(@Observes Router router) {
        // Before RESTEasy Reactive (ROUTE_ORDER_AFTER_DEFAULT), after the filters (negative orders).
        router.route(HttpMethod.POST, USERS).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::create);
        router.route(HttpMethod.GET, USERS + "/:id").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::get);
    }

    void create(RoutingContext rc) {
        if (!isJson(rc.request().getHeader(HttpHeaders.CONTENT_TYPE)) || rc.request().query() != null) {
            rc.next();
            return;
        }
        if (rc.body().available()) {
            respondCreated(rc, rc.body().buffer());
        } else {
            rc.request().body().onComplete(ar -> {
                if (ar.succeeded()) {
                    respondCreated(rc, ar.result());
                } else {
                    fail(rc, ar.cause());
                }
            });
            // Quarkus may hand over a paused request (RESTEasy resumes it when it reads the body): resume it too.
            rc.request().resume();
        }
    }

    private void respondCreated(RoutingContext rc, Buffer body) {
        try {
            ObjectNode created = users.create(json.parseObject(body == null ? null : body.getBytes()));
            rc.response()
                    .setStatusCode(201)
                    .putHeader(HttpHeaders.CONTENT_TYPE, SCIM_MEDIA_TYPE)
                    .putHeader(LOCATION, created.get("meta").get("location").asText())
                    .end(Buffer.buffer(json.bytes(created)));
        } catch (RuntimeException e) {
            fail(rc, e);
        }
    }

    void get(RoutingContext rc) {
        if (rc.request().query() != null) {
            rc.next();
            return;
        }
        try {
            byte[] user = users.getSerialized(rc.pathParam("id"));
            rc.response()
                    .setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, SCIM_MEDIA_TYPE)
                    .end(Buffer.buffer(user));
        } catch (RuntimeException e) {
            fail(rc, e);
        }
    }

    private void fail(RoutingContext rc, Throwable failure) {
        ScimError error;
        if (failure instanceof ScimException scim) {
            error = ScimError.of(scim.status(), scim.scimType(), scim.detail());
        } else {
            LOG.error("Unexpected error", failure);
            error = ScimError.of(500, null, "Unexpected error; contact support");
        }
        rc.response()
                .setStatusCode(Integer.parseInt(error.status()))
                .putHeader(HttpHeaders.CONTENT_TYPE, SCIM_MEDIA_TYPE)
                .end(Buffer.buffer(json.bytes(error)));
    }

    /** application/scim+json or application/json, with or without parameters such as charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(ScimJson.SCIM_MEDIA_TYPE) || type.equalsIgnoreCase("application/json");
    }
}
