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
                ScimResult.Failure failure = (ScimResult.Failure) result;
                checks.add(new ConnectionTestResult.Check(request, failure.status(), false, failure.toString()));
                return Uni.createFrom().item(failed(outcome(failure), failure.detail(), checks));
            }
            JsonNode total = success.body().get("totalResults");
            if (total == null || !total.canConvertToLong() || total.asLong() != 0) {
                checks.add(new ConnectionTestResult.Check(request, success.status(), false,
                        "expected an empty ListResponse, got " + abbreviate(success.body().toString())));
                return Uni.createFrom().item(failed(ConnectionOutcome.NON_COMPLIANT,
                        "A filter on a random value must find nothing and answer totalResults 0", checks));
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
                checks.add(new ConnectionTestResult.Check(request, failure.status(), false, failure.toString()));
                return failed(outcome(failure), failure.detail(), checks);
            }
            checks.add(new ConnectionTestResult.Check(request, result.status(), true, "readable"));
            return null;
        });
    }

    private static ConnectionTestResult failed(ConnectionOutcome outcome, String detail,
            List<ConnectionTestResult.Check> checks) {
        return new ConnectionTestResult(false, outcome, outcome.explanation() + (detail == null ? "" : ": " + detail),
                checks);
    }

    static ConnectionOutcome outcome(ScimResult.Failure failure) {
        return switch (failure.status()) {
            case 401 -> ConnectionOutcome.UNAUTHORIZED;
            case 403 -> ConnectionOutcome.FORBIDDEN;
            case 404 -> ConnectionOutcome.NOT_FOUND;
            case 0 -> switch (failure.errorCode()) {
                case "Timeout" -> ConnectionOutcome.TIMEOUT;
                case "ConnectionRefused" -> ConnectionOutcome.CONNECTION_REFUSED;
                case "DnsResolutionFailed" -> ConnectionOutcome.DNS_ERROR;
                case "TlsHandshakeFailed" -> ConnectionOutcome.TLS_ERROR;
                default -> ConnectionOutcome.ERROR;
            };
            default -> failure.status() >= 200 && failure.status() < 500 ? ConnectionOutcome.NON_COMPLIANT
                    : ConnectionOutcome.ERROR;
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
