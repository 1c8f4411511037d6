package io.scimitar.security.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Records every write to {@code /api} (POST, PUT, PATCH, DELETE), refused ones too, once its response is sent: the
 * caller, the resource, the JSON field names sent and the status. The remote address is Quarkus' (the forwarded
 * client only when {@code quarkus.http.proxy.*} trusts the proxy). While the trail cannot be stored and fails closed,
 * writes are answered 503 before they reach the endpoint.
 */
@ApplicationScoped
public class AuditRecorder {

    /** The actor of a request without a valid credential. */
    public static final String ANONYMOUS = "anonymous";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final int MAX_PATH = 2048;

    private final AuditWriter writer;
    private final AuditSettings settings;

    public AuditRecorder(AuditWriter writer, AuditSettings settings) {
        this.writer = writer;
        this.settings = settings;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!WRITES.contains(context.request().method())) {
            context.next();
            return;
        }
        Instant at = Instant.now();
        context.addEndHandler(ended -> writer.write(record(context, at)));
        if (settings.failClosed() && writer.isFailing()) {
            context.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "5")
                    .end("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":"
                            + "\"The audit trail cannot be stored at the moment; changes are refused until it can\"}");
            return;
        }
        context.next();
    }

    private static AuditRecord record(RoutingContext context, Instant at) {
        String method = context.request().method().name();
        String path = context.normalizedPath();
        ResourcePath resource = ResourcePath.of(method, path, context.response().headers().get("Location"));
        List<String> fields = context.get(BodyFieldCapture.FIELDS);
        return new AuditRecord(null, at, actor(context), method,
                path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path, resource.operation(),
                resource.resourceType(), resource.resourceId(), fields == null ? List.of() : fields,
                context.response().getStatusCode(), address(context.request().remoteAddress()));
    }

    private static String actor(RoutingContext context) {
        if (!(context.user() instanceof QuarkusHttpUser user)) {
            return ANONYMOUS;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous()) {
            return ANONYMOUS;
        }
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken token && token.getSubject() != null) {
            return "oidc:" + token.getSubject();
        }
        return principal.getName();
    }

    private static String address(SocketAddress address) {
        if (address == null) {
            return null;
        }
        return address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
