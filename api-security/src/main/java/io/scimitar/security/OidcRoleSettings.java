package io.scimitar.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/**
 * Which values of the identity provider's role claim ({@code quarkus.oidc.roles.role-claim-path}, e.g. Keycloak's
 * {@code realm_access/roles} or a {@code groups} claim) make an OIDC caller an admin or a reader.
 */
@ConfigMapping(prefix = "scimitar.api.oidc")
public interface OidcRoleSettings {

    /** Claim values that give the admin role (SCIMITAR_API_OIDC_ADMIN_ROLES, comma-separated). */
    @WithDefault("admin")
    Set<String> adminRoles();

    /** Claim values that give the reader role (SCIMITAR_API_OIDC_READER_ROLES, comma-separated). */
    @WithDefault("reader")
    Set<String> readerRoles();
}
