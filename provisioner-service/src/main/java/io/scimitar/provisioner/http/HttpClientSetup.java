package io.scimitar.provisioner.http;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one way the provisioner builds an outbound REST client (a SCIM target, assignment-service): base URI,
 * timeouts, connection pool and JSON handling set in one place; TLS and proxies follow the Quarkus REST client
 * configuration for all alike. Each caller sets what it needs; what it leaves unset keeps the REST client's default.
 */
public final class HttpClientSetup {

    private final URI baseUri;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Integer connectionPoolSize;
    private boolean defaultMapper = true;

    private HttpClientSetup(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** A client of the API at {@code baseUri}. */
    public static HttpClientSetup to(URI baseUri) {
        return new HttpClientSetup(baseUri);
    }

    /** How long to wait for a TCP connection. */
    public HttpClientSetup connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** How long to wait for each answer. */
    public HttpClientSetup readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** Connections kept open to the host. */
    public HttpClientSetup connectionPoolSize(int size) {
        this.connectionPoolSize = size;
        return this;
    }

    /** The caller reads answers itself (SCIM's media type and error bodies): no default exception mapping. */
    public HttpClientSetup withoutDefaultMapper() {
        this.defaultMapper = false;
        return this;
    }

    /** The client of {@code api}. */
    public <T> T build(Class<T> api) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder().baseUri(baseUri);
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (readTimeout != null) {
            builder.readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!defaultMapper) {
            builder.property("microprofile.rest.client.disable.default.mapper", true);
        }
        if (connectionPoolSize != null) {
            builder.property("io.quarkus.rest.client.connection-pool-size", connectionPoolSize);
        }
        return builder.build(api);
    }
}
