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

/**
 * Turns a configured API key into a caller named by the key's name, with its roles; any other key is refused. A token
 * that is not an API key (an OIDC provider's ID or access token, which Quarkus' OIDC mechanism verifies through the
 * same {@code TokenAuthenticationRequest}) is left to the next identity provider: refusing it would fail the sign-in
 * or the bearer call whenever this provider happened to be asked first.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String CREDENTIAL_TYPE = "api-key";

    private final ApiKeyRegistry keys;

    public ApiKeyIdentityProvider(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential credential = request.getToken();
        if (!CREDENTIAL_TYPE.equals(credential.getType())) {
            return Uni.createFrom().nullItem();
        }
        return keys.find(credential.getToken())
                .map(caller -> Uni.createFrom().item(identity(credential, caller)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("Unknown API key")));
    }

    private static SecurityIdentity identity(TokenCredential credential, ApiCaller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRoles(caller.roles())
                .addCredential(credential)
                .build();
    }
}
