package io.scimitar.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Cross-site request forgery guard for the console's OIDC session: a change ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE}) to {@code /api} that carries Quarkus' OIDC session cookie must also carry the
 * header {@code X-Requested-With}, which another site's page cannot send without a CORS preflight (and CORS is not
 * enabled); without it the change is refused with 403 before it is authenticated. The cookie itself is
 * {@code SameSite=Lax}, so browsers do not send it on another site's POST in the first place.
 */
@ApplicationScoped
public class SessionCsrfGuard {

    /** The header the console sends with every request (Quarkus OIDC also reads it: no redirect for scripts). */
    public static final String HEADER = "X-Requested-With";
    /** The prefix of Quarkus' OIDC session cookies ({@code q_session}, its chunks and tenant variants). */
    static final String SESSION_COOKIE_PREFIX = "q_session";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    void install(@Observes Router router) {
        // after the audit trail's route (Integer.MIN_VALUE), so a refused change is recorded too
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(SessionCsrfGuard::handle);
    }

    private static void handle(RoutingContext context) {
        if (!WRITES.contains(context.request().method()) || !hasSessionCookie(context)
                || context.request().getHeader(HEADER) != null) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"A change made "
                        + "with a console session must come from the console: the X-Requested-With header is "
                        + "missing\"}");
    }

    private static boolean hasSessionCookie(RoutingContext context) {
        return context.request().cookies().stream()
                .anyMatch(cookie -> cookie.getName().startsWith(SESSION_COOKIE_PREFIX));
    }
}
