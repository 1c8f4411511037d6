package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to the stack's public APIs; any unexpected status fails the test with the body. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String headerName;
    private final String headerValue;

    Http(String baseUrl, String headerName, String headerValue) {
        this.baseUrl = baseUrl;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send("GET", path, null, "application/json", 200);
    }

    /** A GET of a text resource (e.g. Prometheus' {@code /q/metrics}), answered 200. */
    String text(String path) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    JsonNode post(String path, Object body, int expected) {
        return send("POST", path, body, "application/json", expected);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body, "application/json", 200);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body, "application/merge-patch+json", 200);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, "application/json", 204);
    }

    private JsonNode send(String method, String path, Object body, String contentType, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (headerName != null) {
                request.header(headerName, headerValue);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not "
                        + expected + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
