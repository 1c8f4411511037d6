package io.scimitar.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Quarkus asks every identity provider of {@code TokenAuthenticationRequest} in turn, in an order that equal priorities
 * leave open, and a refusal ends the turn: an OIDC token must be passed on, not refused as an unknown key.
 */
class ApiKeyIdentityProviderTest {

    private static final String ADMIN_KEY = "3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a2c5f7b13";

    private final ApiKeyIdentityProvider provider = new ApiKeyIdentityProvider(
            ApiKeyRegistry.parse(List.of("ops:" + ADMIN_KEY), List.of()));

    @Test
    void aConfiguredKeyIsTheKeysCallerWithItsRoles() {
        SecurityIdentity caller = authenticate(new TokenCredential(ADMIN_KEY, ApiKeyIdentityProvider.CREDENTIAL_TYPE))
                .await().indefinitely();
        assertThat(caller.getPrincipal().getName()).isEqualTo("ops");
        assertThat(caller.getRoles()).containsExactlyInAnyOrder(ApiRoles.ADMIN, ApiRoles.READER);
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThatThrownBy(() -> authenticate(new TokenCredential("not-a-key", ApiKeyIdentityProvider.CREDENTIAL_TYPE))
                .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void anOidcIdOrAccessTokenIsLeftToTheNextProvider() {
        assertThat(authenticate(new IdTokenCredential("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).await().indefinitely())
                .isNull();
        assertThat(authenticate(new AccessTokenCredential("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).await().indefinitely())
                .isNull();
    }

    private Uni<SecurityIdentity> authenticate(TokenCredential credential) {
        return provider.authenticate(new TokenAuthenticationRequest(credential), null);
    }
}
