package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Builds the {@link ScimClient} of a target: one HTTP client setup for every SCIM call we make. */
@ApplicationScoped
public class ScimClientFactory {

    private final ObjectMapper json;
    private final ScimClientConfig config;

    public ScimClientFactory(ObjectMapper json, ScimClientConfig config) {
        this.json = json;
        this.config = config;
    }

    /**
     * A client for {@code tenantUrl} (Entra's {@code aadOptscim062020} flag and any other query string are not part
     * of the base URI) authenticating with {@code secretToken}.
     */
    public ScimClient create(String tenantUrl, String secretToken) {
        return create(tenantUrl, secretToken, config.readTimeout());
    }

    /** A client that waits at most {@code readTimeout} for each answer. */
    public ScimClient create(String tenantUrl, String secretToken, java.time.Duration readTimeout) {
        ScimHttpApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri(tenantUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .property("io.quarkus.rest.client.connection-pool-size", config.connectionPoolSize())
                .build(ScimHttpApi.class);
        return new ScimClient(api, secretToken, json);
    }

    /** The tenant URL without its query string, ending with a slash so relative paths resolve under it. */
    public static URI baseUri(String tenantUrl) {
        URI uri = URI.create(tenantUrl.trim());
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }
}
