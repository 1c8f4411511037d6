package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Tracer;
import io.scimitar.provisioner.http.HttpClientSetup;
import io.scimitar.provisioner.observability.ProvisionerMetrics;
import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.ratelimit.RateLimiters;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.provisioner.targethost.TargetHostPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.UUID;

/** Builds the {@link ScimClient} of a target: one HTTP client setup for every SCIM call we make. */
@ApplicationScoped
public class ScimClientFactory {

    private final ObjectMapper json;
    private final ScimClientConfig config;
    private final RateLimiters rateLimiters;
    private final TargetHostPolicy hostPolicy;
    private final Tracer tracer;
    private final ProvisionerMetrics metrics;

    public ScimClientFactory(ObjectMapper json, ScimClientConfig config, RateLimiters rateLimiters,
            TargetHostPolicy hostPolicy, Tracer tracer, ProvisionerMetrics metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
        this.json = json;
        this.config = config;
        this.rateLimiters = rateLimiters;
        this.hostPolicy = hostPolicy;
    }

    /**
     * The client of a job's target, sharing the job's request budgets with every other client of the same job.
     */
    public ScimClient forJob(UUID jobId, String tenantUrl, String secretToken, RateLimitPolicy rateLimits) {
        return create(tenantUrl, secretToken, config.readTimeout(), rateLimiters.forJob(jobId, rateLimits),
                new ScimTelemetry(tracer, metrics, jobId, null));
    }

    /**
     * A client for {@code tenantUrl} (Entra's {@code aadOptscim062020} flag and any other query string are not part
     * of the base URI) authenticating with {@code secretToken}, waiting at most {@code readTimeout} for each answer.
     */
    public ScimClient create(String tenantUrl, String secretToken, java.time.Duration readTimeout,
            TargetRateLimiter limiter) {
        return create(tenantUrl, secretToken, readTimeout, limiter, new ScimTelemetry(tracer, null, null, null));
    }

    private ScimClient create(String tenantUrl, String secretToken, java.time.Duration readTimeout,
            TargetRateLimiter limiter, ScimTelemetry telemetry) {
        URI base = baseUri(tenantUrl);
        ScimHttpApi api = HttpClientSetup.to(base)
                .connectTimeout(config.connectTimeout())
                .readTimeout(readTimeout)
                .withoutDefaultMapper()
                .connectionPoolSize(config.connectionPoolSize())
                .build(ScimHttpApi.class);
        return new ScimClient(api, secretToken, json, limiter, hostPolicy, base, telemetry);
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
