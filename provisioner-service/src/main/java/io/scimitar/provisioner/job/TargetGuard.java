package io.scimitar.provisioner.job;

import io.scimitar.provisioner.connection.TenantUrlRules;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.targethost.TargetHostPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;

/**
 * The rules about where a job's token may go that need more than the request: the target-host policy (the URL's
 * host, resolved) and, on replace, the token given again when the URL moves to another origin. Answers 422.
 */
@ApplicationScoped
public class TargetGuard {

    private final TargetHostPolicy policy;

    public TargetGuard(TargetHostPolicy policy) {
        this.policy = policy;
    }

    /** Fails with 422 naming {@code tenantUrl} when the policy refuses the URL's host; a malformed URL is left to validation. */
    public Uni<Void> requirePermittedHost(String tenantUrl) {
        URI uri = tenantUrl == null || tenantUrl.isBlank() ? null : TenantUrlRules.parse(tenantUrl);
        if (uri == null || uri.getHost() == null) {
            return Uni.createFrom().voidItem();
        }
        return policy.check(uri).invoke(verdict -> {
            if (!verdict.permitted()) {
                throw unprocessable(new FieldError("tenantUrl", "is not a permitted target: " + verdict.reason(),
                        null));
            }
        }).replaceWithVoid();
    }

    /** Fails with 422 naming {@code secretToken} when the URL leaves its origin and the request brings no token. */
    public static void requireTokenForNewOrigin(String storedUrl, JobRequest request) {
        boolean tokenGiven = request.secretToken() != null && !request.secretToken().isBlank();
        if (!tokenGiven && storedUrl != null && request.tenantUrl() != null
                && !TenantUrlRules.sameOrigin(storedUrl, request.tenantUrl())) {
            throw unprocessable(new FieldError("secretToken", "is required again when the tenant URL's scheme, host "
                    + "or port changes: the stored token is never sent to another server", null));
        }
    }

    private static ProblemException unprocessable(FieldError error) {
        return new ProblemException(422, "Unprocessable request", error.field() + ": " + error.message(),
                List.of(error));
    }
}
