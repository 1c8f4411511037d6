package io.scimitar.provisioner.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ChangePasswordConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ETagConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.authorize.DefaultAuthorization;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A SCIM 2.0 server that nobody here wrote (Captain-P-Goldfish's SCIM-SDK), in the test JVM: Users (core and the
 * enterprise extension) and Groups, kept in memory and validated against the RFC 7643 schemas; RFC 7644 PATCH with
 * none of the SDK's workarounds for Entra's shapes. Tests wipe its data ({@link #wipe()}, a target that lost
 * everything) and read the requests it received ({@link #requests()}).
 */
public final class ThirdPartyScimServer implements AutoCloseable {

    /** The bearer token the server accepts. */
    public static final String TOKEN = "third-party-scim-token-0123456789";
    private static final String BASE_PATH = "/scim/v2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ThirdPartyScimServer shared;

    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ResourceEndpoint endpoint;
    private final UserResources users = new UserResources();
    private final GroupResources groups = new GroupResources();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

    /** One request as the server received it, with the status it answered. */
    public record ReceivedRequest(String method, String path, String body, int status) {

        /** The body as JSON (an empty object when there is none). */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }

    private ThirdPartyScimServer() throws IOException {
        ServiceProvider provider = ServiceProvider.builder()
                .patchConfig(PatchConfig.builder().supported(true).build())
                .filterConfig(FilterConfig.builder().supported(true).maxResults(1000).build())
                .sortConfig(SortConfig.builder().supported(true).build())
                .bulkConfig(BulkConfig.builder().supported(false).build())
                .eTagConfig(ETagConfig.builder().supported(false).build())
                .changePasswordConfig(ChangePasswordConfig.builder().supported(false).build())
                .authenticationSchemes(List.of(AuthenticationScheme.builder().name("Bearer")
                        .description("A bearer token in the Authorization header").type("oauthbearertoken").build()))
                .build();
        endpoint = new ResourceEndpoint(provider);
        for (ResourceType type : List.of(endpoint.registerEndpoint(new UserEndpointDefinition(users)),
                endpoint.registerEndpoint(new GroupEndpointDefinition(groups)))) {
            type.getFeatures().setAutoFiltering(true);
            type.getFeatures().setAutoSorting(true);
            type.getFeatures().getAuthorization().setAuthenticated(false);
        }
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(threads);
        http.createContext(BASE_PATH, this::handle);
        http.start();
    }

    /** A new server on a free port of 127.0.0.1. */
    public static ThirdPartyScimServer start() {
        try {
            return new ThirdPartyScimServer();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the third-party SCIM server", e);
        }
    }

    /** One server shared by the test classes of this JVM, started on first use. */
    public static synchronized ThirdPartyScimServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** The SCIM base URL, as a job's tenant URL. */
    public String scimUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + BASE_PATH;
    }

    /** Deletes every user and group: the target lost its data. */
    public void wipe() {
        users.store.clear();
        groups.store.clear();
    }

    /** The requests received since the start or the last {@link #clearRequests()}, in order. */
    public List<ReceivedRequest> requests() {
        return new ArrayList<>(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The stored users, as the server would answer them. */
    public List<JsonNode> users() {
        List<JsonNode> all = new ArrayList<>();
        users.store.snapshot().forEach(user -> all.add(user));
        return all;
    }

    /** The stored groups, as the server would answer them. */
    public List<JsonNode> groups() {
        List<JsonNode> all = new ArrayList<>();
        groups.store.snapshot().forEach(group -> all.add(group));
        return all;
    }

    /** The user with this userName (ignoring case), or null. */
    public JsonNode user(String userName) {
        return users().stream().filter(user -> user.path("userName").asText().equalsIgnoreCase(userName))
                .findFirst().orElse(null);
    }

    /** The group with this displayName (ignoring case), or null. */
    public JsonNode group(String displayName) {
        return groups().stream().filter(group -> group.path("displayName").asText().equalsIgnoreCase(displayName))
                .findFirst().orElse(null);
    }

    /** Sends a request to the server as a client would (for tests seeding data), and answers the response body. */
    public JsonNode call(String method, String path, String body) {
        ScimResponse response = endpoint.handleRequest(scimUrl() + path, HttpMethod.valueOf(method), body,
                Map.of("Content-Type", "application/scim+json"), new Context(new DefaultAuthorization()));
        if (response.getHttpStatus() >= 400) {
            throw new IllegalStateException(method + " " + path + " answered " + response.getHttpStatus() + ": "
                    + response);
        }
        return response;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath().substring(BASE_PATH.length())
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            byte[] answer;
            Map<String, String> headers = new HashMap<>();
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"401\","
                        + "\"detail\":\"not authenticated\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                ScimResponse response = endpoint.handleRequest(scimUrl() + path, HttpMethod.valueOf(method),
                        body.isEmpty() ? null : body, headers, new Context(new DefaultAuthorization()));
                status = response.getHttpStatus();
                answer = status == 204 ? new byte[0] : response.toString().getBytes(StandardCharsets.UTF_8);
                response.getHttpHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            requests.add(new ReceivedRequest(method, path, body, status));
            exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
