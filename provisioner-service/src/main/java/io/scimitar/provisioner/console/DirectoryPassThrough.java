package io.scimitar.provisioner.console;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.scimitar.provisioner.http.HttpClientSetup;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.progress.ProgressSettings;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Sends a console request on to assignment-service (the URL progress counts the objects in scope with,
 * {@code scimitar.provisioner.progress.directory-url}) with the caller's own credential, and hands its answer back
 * unchanged: status, body (problem+json included), Content-Type, ETag and Location (under our path). The credential is never stored or logged.
 */
@ApplicationScoped
public class DirectoryPassThrough {

    private static final Logger LOG = Logger.getLogger(DirectoryPassThrough.class);

    private static final String DIRECTORY_API = "/api/v1/";
    private static final String HERE = "/api/v1/directory/";

    private final DirectoryApi api;
    private final ConsoleSettings settings;

    public DirectoryPassThrough(ProgressSettings progress, ConsoleSettings settings) {
        this.settings = settings;
        this.api = progress.directoryUrl().map(url -> HttpClientSetup.to(url)
                .connectTimeout(progress.directoryTimeout())
                .readTimeout(settings.directoryTimeout())
                .withoutDefaultMapper()
                .build(DirectoryApi.class)).orElse(null);
    }

    /**
     * The credential the caller presented to us, passed on as it came; for a console signed in with OIDC (a session
     * cookie, which is ours alone), the session's access token as a bearer token, which assignment-service accepts
     * when it trusts the same identity provider.
     */
    public record CallerCredential(String apiKey, String authorization) {

        static CallerCredential of(HttpHeaders headers, SecurityIdentity caller) {
            if (caller.getCredential(IdTokenCredential.class) != null) {
                AccessTokenCredential session = caller.getCredential(AccessTokenCredential.class);
                return new CallerCredential(null, session == null ? null : "Bearer " + session.getToken());
            }
            return new CallerCredential(headers.getHeaderString("X-API-Key"),
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        }

        @Override
        public String toString() {
            return "CallerCredential[...]";
        }
    }

    /** The answer of {@code call} to assignment-service, or a 502/503/504 problem when it cannot be had. */
    Uni<Response> forward(CallerCredential caller, BiFunction<DirectoryApi, CallerCredential, Uni<Response>> call) {
        if (api == null) {
            return Uni.createFrom().failure(new ProblemException(503, "Directory not configured",
                    "The provisioner is not told where the directory is (scimitar.provisioner.progress.directory-url)",
                    List.of()));
        }
        return call.apply(api, caller)
                .ifNoItem().after(settings.directoryTimeout()).fail()
                .map(DirectoryPassThrough::copy)
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.debugf("assignment-service did not answer a console request (%s)",
                            failure.getClass().getSimpleName());
                    return failure instanceof TimeoutException
                            ? new ProblemException(504, "Directory timeout", "The directory (assignment-service) "
                                    + "did not answer within " + settings.directoryTimeout().toSeconds() + " s",
                                    List.of())
                            : new ProblemException(502, "Directory unreachable",
                                    "The directory (assignment-service) could not be reached", List.of());
                });
    }

    private static Response copy(Response answer) {
        try {
            Response.ResponseBuilder out = Response.status(answer.getStatus());
            String type = answer.getHeaderString(HttpHeaders.CONTENT_TYPE);
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            if (body != null && !body.isEmpty()) {
                out.entity(body);
                if (type != null) {
                    out.type(type);
                }
            }
            String location = answer.getHeaderString(HttpHeaders.LOCATION);
            if (location != null && URI.create(location).getPath().startsWith(DIRECTORY_API)) {
                out.location(URI.create(HERE + URI.create(location).getPath().substring(DIRECTORY_API.length())));
            }
            String etag = answer.getHeaderString(HttpHeaders.ETAG);
            if (etag != null) {
                out.header(HttpHeaders.ETAG, etag);
            }
            return out.build();
        } finally {
            answer.close();
        }
    }
}
