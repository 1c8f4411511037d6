package io.scimitar.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Turns a configured API key into a caller with its roles; any other key is refused. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String CREDENTIAL_TYPE = "api-key";

    private final ApiKeyRegistry keys;

    public ApiKeyIdentityProvider(ApiKeySettings settings) {
        this.keys = ApiKeyRegistry.of(settings);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential credential = request.getToken();
        return keys.roles(credential.getToken())
                .map(roles -> Uni.createFrom().item(identity(credential, roles)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("Unknown API key")));
    }

    private static SecurityIdentity identity(TokenCredential credential, Set<String> roles) {
        String name = "api-key:" + (roles.contains(ApiRoles.ADMIN) ? ApiRoles.ADMIN : ApiRoles.READER);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .addCredential(credential)
                .build();
    }
}
