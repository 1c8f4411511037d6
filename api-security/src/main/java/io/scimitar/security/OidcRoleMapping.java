package io.scimitar.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import java.util.TreeSet;

/**
 * Gives an OIDC caller (bearer token or console session) the roles {@link ApiRoles#ADMIN} and {@link ApiRoles#READER}
 * that its role claim's values map to ({@link OidcRoleSettings}), and no other role; API-key callers are left as
 * they are. An admin is a reader too, as an admin key is.
 */
@ApplicationScoped
public class OidcRoleMapping implements SecurityIdentityAugmentor {

    private final OidcRoleSettings settings;

    public OidcRoleMapping(OidcRoleSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles(identity.getRoles(), settings))
                .build());
    }

    /** Our roles for the identity provider's claim values. */
    static Set<String> roles(Set<String> claimed, OidcRoleSettings settings) {
        Set<String> roles = new TreeSet<>();
        if (claimed.stream().anyMatch(settings.adminRoles()::contains)) {
            roles.add(ApiRoles.ADMIN);
            roles.add(ApiRoles.READER); // as an admin key
        }
        if (claimed.stream().anyMatch(settings.readerRoles()::contains)) {
            roles.add(ApiRoles.READER);
        }
        return roles;
    }
}
