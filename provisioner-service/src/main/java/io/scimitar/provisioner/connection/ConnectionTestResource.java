package io.scimitar.provisioner.connection;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Test Connection for credentials about to be saved in a job. */
@Path("/api/v1/connection-tests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@RolesAllowed(ApiRoles.ADMIN)
public class ConnectionTestResource {

    private final ConnectionTester tester;

    public ConnectionTestResource(ConnectionTester tester) {
        this.tester = tester;
    }

    /** Credentials to test before saving them in a job; plain http only with {@code allowInsecureHttp}. */
    public record ConnectionTestRequest(String tenantUrl, String secretToken, String matchingAttribute,
            Boolean allowInsecureHttp) {
        @Override
        public String toString() {
            return "ConnectionTestRequest[" + tenantUrl + "]";
        }
    }

    @POST
    @Operation(summary = "Tests a tenant URL and secret token as Entra's Test Connection does")
    public Uni<ConnectionTestResult> test(ConnectionTestRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null || request.tenantUrl() == null || request.tenantUrl().isBlank()) {
            errors.add(new FieldError("tenantUrl", "is required", null));
        } else {
            TenantUrlRules.check(request.tenantUrl(), Boolean.TRUE.equals(request.allowInsecureHttp()))
                    .ifPresent(errors::add);
        }
        if (request == null || request.secretToken() == null || request.secretToken().isEmpty()) {
            errors.add(new FieldError("secretToken", "is required", null));
        } else {
            SecretTokenRules.check("secretToken", request.secretToken()).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String matching = request.matchingAttribute() == null || request.matchingAttribute().isBlank()
                ? "userName" : request.matchingAttribute();
        return tester.test(request.tenantUrl(), request.secretToken(), matching, true);
    }
}
