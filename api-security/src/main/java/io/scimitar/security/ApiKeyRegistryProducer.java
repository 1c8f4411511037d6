package io.scimitar.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Reads the configured API keys once, at start: a key that breaks {@link ApiKeyRules} stops the service with a
 * message naming the key's name (never the key).
 */
@ApplicationScoped
public class ApiKeyRegistryProducer {

    private static final Logger LOG = Logger.getLogger(ApiKeyRegistryProducer.class);

    @Produces
    @Singleton
    @Startup
    ApiKeyRegistry registry(ApiKeySettings settings) {
        ApiKeyRegistry registry = ApiKeyRegistry.of(settings);
        if (registry.size() == 0) {
            LOG.warn("No API key is configured (scimitar.api.admin-keys / reader-keys): only OIDC callers, if "
                    + "enabled, can use /api");
        }
        return registry;
    }
}
