package io.scimitar.provisioner.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
     * @param name the API key's name (or {@code oidc:<subject>})
     * @param roles {@code reader} and/or {@code admin}
     * @param canChange whether the caller may change anything (an admin)
     */
    public record Session(String name, Set<String> roles, boolean canChange) {
    }

    @GET
    @Operation(summary = "The caller: the key's name, its roles and whether it may change anything")
    public Session session() {
        return new Session(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()),
                identity.hasRole(ApiRoles.ADMIN));
    }
}
