package io.scimitar.provisioner.console;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;
import java.util.TreeSet;

/** Who the caller is: the console signs in with it and shows a reader's controls disabled. */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class ConsoleSessionResource {

    private final SecurityIdentity identity;

    public ConsoleSessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller as the API sees it.
     *
     * @param name the API key's name, or the OIDC user's name (its {@code preferred_username} or subject)
     * @param roles {@code reader} and/or {@code admin}
     * @param canChange whether the caller may change anything (an admin)
     * @param signedInWith {@code API_KEY}, {@code OIDC_SESSION} (the console's sign-in with the identity provider)
     *        or {@code OIDC_TOKEN} (a bearer token of the identity provider)
     * @param signOutPath where a browser goes to end an OIDC session (at the identity provider too); null otherwise
     */
    public record Session(String name, Set<String> roles, boolean canChange, SignedInWith signedInWith,
            String signOutPath) {
    }

    /** How the caller authenticated. */
    public enum SignedInWith {
        API_KEY, OIDC_SESSION, OIDC_TOKEN
    }

    @GET
    @Operation(summary = "The caller: the key's or user's name, its roles, whether it may change anything and how it "
            + "signed in")
    public Session session() {
        SignedInWith how = identity.getCredential(IdTokenCredential.class) != null ? SignedInWith.OIDC_SESSION
                : identity.getPrincipal() instanceof JsonWebToken ? SignedInWith.OIDC_TOKEN : SignedInWith.API_KEY;
        return new Session(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()),
                identity.hasRole(ApiRoles.ADMIN), how,
                how == SignedInWith.OIDC_SESSION ? ConsoleOidcResource.SIGN_OUT_PATH : null);
    }
}
