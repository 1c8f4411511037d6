package io.scimitar.assignment.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.AdminCaller;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ApiAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Test
    void refusesAnonymousCallersAndUnknownKeys() throws Exception {
        assertThat(get("/api/v1/users", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/users", "Bearer not-a-key").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/users", null).statusCode()).isEqualTo(401);
    }

    @Test
    void letsReadersReadButNotWrite() throws Exception {
        assertThat(get("/api/v1/users", "Bearer " + AdminCaller.READER_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/applications", "Bearer " + AdminCaller.READER_KEY).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/users", "Bearer " + AdminCaller.READER_KEY).statusCode()).isEqualTo(403);
        HttpResponse<String> importing = HTTP.send(HttpRequest.newBuilder(root.resolve("/api/v1/import/users"))
                .header("Authorization", "Bearer " + AdminCaller.READER_KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("userPrincipalName,displayName\nx@contoso.com,x\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(importing.statusCode()).isEqualTo(403);
    }

    @Test
    void acceptsTheApiKeyHeaderAndKeepsHealthAndOpenApiOpen() throws Exception {
        HttpResponse<String> withHeader = HTTP.send(HttpRequest.newBuilder(root.resolve("/api/v1/groups"))
                .header("X-API-Key", AdminCaller.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(get("/q/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(get("/q/openapi", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userPrincipalName\":\"x@contoso.com\",\"displayName\":\"x\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
