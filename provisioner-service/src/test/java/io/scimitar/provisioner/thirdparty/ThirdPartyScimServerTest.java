package io.scimitar.provisioner.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The third-party SCIM server itself: what it stores, accepts and refuses, so tests can trust it as a target. */
class ThirdPartyScimServerTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ThirdPartyScimServer server;

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void empty() {
        server.wipe();
        server.clearRequests();
    }

    @Test
    void storesAUserWithTheEnterpriseExtensionAndFindsItByFilter() {
        String id = createAnn();

        Answer found = send("GET", "/Users?filter=" + URLEncoder.encode("userName eq \"ANN.O'NEIL@example.com\"",
                StandardCharsets.UTF_8), null);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
        assertThat(server.user("ann.o'neil@example.com").path(ENTERPRISE).path("department").asText())
                .isEqualTo("Ventes");
        assertThat(server.requests()).extracting(ThirdPartyScimServer.ReceivedRequest::method)
                .containsExactly("POST", "GET");
    }

    @Test
    void acceptsRfcPathlessReplaceWithNestedValuesAndKeepsTheOtherSubAttributes() {
        String id = createAnn();

        Answer patched = send("PATCH", "/Users/" + id, patch("""
                {"op":"replace","value":{"name":{"familyName":"Núñez-García"},
                 "%s":{"department":"Achats"}}}""".formatted(ENTERPRISE)));

        assertThat(patched.status()).isEqualTo(200);
        JsonNode user = server.user("ann.o'neil@example.com");
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("Núñez-García");
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Ann");
        assertThat(user.path(ENTERPRISE).path("department").asText()).isEqualTo("Achats");
    }

    /**
     * The SDK is lenient here: it applies Entra's dotted names in a path-less replace, so it cannot tell the shapes
     * apart; the lifecycle test checks the shapes the provisioner sends itself.
     */
    @Test
    void appliesEntraDottedNamesInAPathlessReplaceAsWell() {
        String id = createAnn();

        Answer patched = send("PATCH", "/Users/" + id, patch("""
                {"op":"replace","value":{"name.familyName":"Núñez-García"}}"""));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(server.user("ann.o'neil@example.com").path("name").path("familyName").asText())
                .isEqualTo("Núñez-García");
    }

    @Test
    void removesAnAttributeByPath() {
        String id = createAnn();

        Answer patched = send("PATCH", "/Users/" + id, patch("""
                {"op":"remove","path":"title"},{"op":"remove","path":"%s:department"},
                {"op":"remove","path":"phoneNumbers[type eq \\"mobile\\"]"}""".formatted(ENTERPRISE)));

        assertThat(patched.status()).isEqualTo(200);
        JsonNode user = server.user("ann.o'neil@example.com");
        assertThat(user.has("title")).isFalse();
        assertThat(user.path(ENTERPRISE).has("department")).isFalse();
        assertThat(user.has("phoneNumbers")).isFalse();
    }

    @Test
    void pagesListsAndAnswersConflictsAndUnknownIds() {
        createAnn();
        for (int i = 0; i < 4; i++) {
            send("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"user" + i + "@example.com\"}");
        }

        Answer page = send("GET", "/Users?startIndex=3&count=2", null);
        Answer duplicate = send("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"Ann.O'Neil@example.com\"}");
        Answer missing = send("PATCH", "/Users/no-such-id", patch("{\"op\":\"replace\",\"path\":\"title\","
                + "\"value\":\"x\"}"));

        assertThat(page.body().path("totalResults").asInt()).isEqualTo(5);
        assertThat(page.body().path("Resources").size()).isEqualTo(2);
        assertThat(page.body().path("startIndex").asInt()).isEqualTo(3);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void wipeLosesEverythingAndAWrongTokenIsRefused() {
        createAnn();
        send("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Équipe d'été\"}");

        server.wipe();

        assertThat(server.users()).isEmpty();
        assertThat(server.groups()).isEmpty();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.scimUrl() + "/Users"))
                .header("Authorization", "Bearer wrong").GET().build();
        assertThat(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join().statusCode()).isEqualTo(401);
    }

    private String createAnn() {
        Answer created = send("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "userName":"Ann.O'Neil@example.com","title":"Data Engineer","active":true,
                 "name":{"givenName":"Ann","familyName":"O'Neil"},
                 "phoneNumbers":[{"type":"mobile","value":"+33 6 12 34 56 78"}],
                 "%s":{"department":"Ventes"}}""".formatted(ENTERPRISE, ENTERPRISE));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private static String patch(String operations) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations
                + "]}";
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.scimUrl() + path))
                .header("Authorization", "Bearer " + ThirdPartyScimServer.TOKEN)
                .header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
        try {
            return new Answer(response.statusCode(),
                    response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
