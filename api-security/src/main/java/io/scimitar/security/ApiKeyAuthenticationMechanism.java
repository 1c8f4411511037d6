package io.scimitar.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Authenticates {@code /api} callers by API key ({@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}).
 * A bearer value that is not one of our keys is left to the next mechanism: OIDC when it is enabled, otherwise the
 * caller stays anonymous and gets 401. It runs before OIDC's mechanism, which would refuse a key as a bad token, and
 * its challenge (401) is the one an unauthenticated {@code /api} caller gets, OIDC or not.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    /** Ahead of Quarkus' OIDC mechanism ({@code DEFAULT_PRIORITY + 1}). */
    static final int PRIORITY = HttpAuthenticationMechanism.DEFAULT_PRIORITY + 100;

    private final ApiKeyRegistry keys;

    public ApiKeyAuthenticationMechanism(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String presented = presentedKey(context);
        if (presented == null || keys.find(presented).isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(
                new TokenCredential(presented, ApiKeyIdentityProvider.CREDENTIAL_TYPE)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"scimitar\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER,
                API_KEY_HEADER.toLowerCase()));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static String presentedKey(RoutingContext context) {
        String apiKey = context.request().getHeader(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey;
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return null;
    }
}
