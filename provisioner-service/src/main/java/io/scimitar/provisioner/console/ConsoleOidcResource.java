package io.scimitar.provisioner.console;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Optional;

/**
 * The console's sign-in with the identity provider (Quarkus OIDC's authorization code flow): whether it is offered,
 * the path that starts it (Quarkus sends the browser to the provider and back, then this answers with the console),
 * and the path that ends it (Quarkus ends the session and, by RP-initiated logout, the provider's).
 */
@Path("/console/oidc")
@Tag(name = "Console")
public class ConsoleOidcResource {

    static final String SIGN_IN_PATH = "/console/oidc/login";
    /** Quarkus' {@code quarkus.oidc.logout.path}: a request here with a session is answered by Quarkus' logout. */
    static final String SIGN_OUT_PATH = "/console/oidc/logout";
    private static final URI CONSOLE = URI.create("/console/");

    private final boolean offered;
    private final ConsoleSettings settings;

    public ConsoleOidcResource(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.oidc.application-type") Optional<String> type,
            @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId, ConsoleSettings settings) {
        this.offered = enabled && clientId.isPresent()
                && type.map(t -> t.equalsIgnoreCase("hybrid") || t.equalsIgnoreCase("web-app")).orElse(false);
        this.settings = settings;
    }

    /**
     * @param offered whether the console offers "Sign in with {provider}"
     * @param provider the provider's name on the button
     * @param signInPath where the browser goes to sign in
     */
    public record SignInOptions(boolean offered, String provider, String signInPath) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the console offers sign-in with the identity provider (OIDC), and where it starts")
    public SignInOptions options() {
        return offered ? new SignInOptions(true, settings.oidc().providerName(), SIGN_IN_PATH)
                : new SignInOptions(false, null, null);
    }

    @GET
    @Path("login")
    @Authenticated
    @Operation(summary = "Signs in with the identity provider (the authorization code flow), then opens the console")
    public Response signIn() {
        return Response.seeOther(CONSOLE).build();
    }

    @GET
    @Path("logout")
    @PermitAll
    @Operation(summary = "Signs out of the identity provider's session (answered by Quarkus while a session exists); "
            + "without a session, opens the console")
    public Response signedOut() {
        return Response.seeOther(CONSOLE).build();
    }
}
