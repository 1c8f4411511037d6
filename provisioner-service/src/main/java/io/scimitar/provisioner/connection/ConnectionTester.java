package io.scimitar.provisioner.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimClientConfig;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.scim.ScimFilter;
import io.scimitar.provisioner.scim.ScimResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Entra's Test Connection: {@code GET /Users?filter=<matching attribute> eq "<random guid>"} must answer 200 with an
 * empty ListResponse; then a page of users and of groups is read to check that the credentials can read them.
 */
@ApplicationScoped
public class ConnectionTester {

    private final ScimClientFactory clients;
    private final ScimClientConfig config;

    public ConnectionTester(ScimClientFactory clients, ScimClientConfig config) {
        this.clients = clients;
        this.config = config;
    }

    public Uni<ConnectionTestResult> test(String tenantUrl, String secretToken, String matchingAttribute,
            boolean groups) {
        ScimClient client = clients.create(tenantUrl, secretToken, config.testConnectionTimeout(),
                TargetRateLimiter.unlimited());
        String filter = ScimFilter.eq(matchingAttribute, UUID.randomUUID());
        List<ConnectionTestResult.Check> checks = new ArrayList<>();
        return client.query(ScimClient.USERS, filter).chain(result -> {
            String request = "GET Users?filter=" + filter;
            if (!(result instanceof ScimResult.Success success)) {
                return Uni.createFrom().item(failed((ScimResult.Failure) result, request, checks));
            }
            JsonNode total = success.body().get("totalResults");
            if (total == null || !total.canConvertToLong() || total.asLong() != 0) {
                checks.add(new ConnectionTestResult.Check(request, success.status(), false,
                        "expected an empty ListResponse with totalResults 0"));
                return Uni.createFrom().item(new ConnectionTestResult(false, ConnectionOutcome.NON_COMPLIANT,
                        ConnectionOutcome.NON_COMPLIANT.explanation()
                                + ": a filter on a random value must find nothing and answer totalResults 0", checks));
            }
            checks.add(new ConnectionTestResult.Check(request, success.status(), true, "empty ListResponse"));
            return readPage(client, ScimClient.USERS, checks)
                    .chain(users -> users != null || !groups ? Uni.createFrom().item(users)
                            : readPage(client, ScimClient.GROUPS, checks))
                    .map(failure -> failure != null ? failure
                            : new ConnectionTestResult(true, ConnectionOutcome.SUCCESS,
                                    ConnectionOutcome.SUCCESS.explanation(), checks));
        });
    }

    private static Uni<ConnectionTestResult> readPage(ScimClient client, String type,
            List<ConnectionTestResult.Check> checks) {
        return client.firstPage(type, 1).map(result -> {
            String request = "GET " + type + "?count=1";
            if (result instanceof ScimResult.Failure failure) {
                return failed(failure, request, checks);
            }
            checks.add(new ConnectionTestResult.Check(request, result.status(), true, "readable"));
            return null;
        });
    }

    /** A failed check, told by its category and status only: nothing the target sent is repeated. */
    private static ConnectionTestResult failed(ScimResult.Failure failure, String request,
            List<ConnectionTestResult.Check> checks) {
        ConnectionOutcome outcome = outcome(failure);
        String detail = failure.status() > 0 ? outcome + " (HTTP " + failure.status() + ")" : outcome.toString();
        checks.add(new ConnectionTestResult.Check(request, failure.status(), false, detail));
        String message = outcome.explanation() + (failure.status() >= 500 ? " (HTTP " + failure.status() + ")" : "");
        return new ConnectionTestResult(false, outcome, message, checks);
    }

    static ConnectionOutcome outcome(ScimResult.Failure failure) {
        return switch (failure.status()) {
            case 401 -> ConnectionOutcome.UNAUTHORIZED;
            case 403 -> ConnectionOutcome.FORBIDDEN;
            case 404 -> ConnectionOutcome.NOT_FOUND;
            case 0 -> switch (failure.errorCode()) {
                case ScimClient.TARGET_HOST_REFUSED -> ConnectionOutcome.REFUSED_BY_POLICY;
                case "Timeout" -> ConnectionOutcome.TIMEOUT;
                case "TlsHandshakeFailed" -> ConnectionOutcome.TLS_ERROR;
                default -> ConnectionOutcome.UNREACHABLE;
            };
            default -> failure.status() >= 500 ? ConnectionOutcome.SERVER_ERROR
                    : failure.status() == 408 ? ConnectionOutcome.TIMEOUT : ConnectionOutcome.NON_COMPLIANT;
        };
    }
}
