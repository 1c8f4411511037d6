package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** JSON calls to one of the stack's APIs with its credential header; a non-2xx answer is an error with the body. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1 as the services' other clients speak it: no h2c upgrade, no cap of streams per connection. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String headerName;
    private final String headerValue;

    Http(String baseUrl, String headerName, String headerValue) {
        this.baseUrl = baseUrl;
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    JsonNode get(String path) {
        return send(request(path).GET(), path);
    }

    /**
     * A GET whose body {@code reader} reads as it arrives, never held whole in this JVM (the mock's state export of a
     * million users is some 2 GB of JSON).
     */
    void getStreamed(String path, BodyReader reader) {
        try {
            HttpResponse<InputStream> response = CLIENT.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                            + new String(body.readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8));
                }
                reader.read(body);
            }
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + path, e);
        }
    }

    /** Reads a streamed answer's body. */
    interface BodyReader {
        void read(InputStream body) throws IOException;
    }

    /** A POST without a body. */
    JsonNode post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()), path);
    }

    JsonNode put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))), path);
    }

    /** A JSON merge patch sent without waiting; the future completes with the status. */
    CompletableFuture<Integer> patchAsync(String path, Object body) {
        HttpRequest request = request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5));
        if (headerName != null) {
            request.header(headerName, headerValue);
        }
        return request;
    }

    private static JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + path, e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
