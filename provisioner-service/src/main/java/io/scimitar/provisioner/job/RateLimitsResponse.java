package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.TargetRateLimits;
import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.ratelimit.RequestClass;

import java.util.Map;

/**
 * A job's rate limits as the API shows them: what was set, and the budgets that apply (the profile's merged with the
 * job's own).
 */
public record RateLimitsResponse(boolean enabled, long windowSeconds, Map<RequestClass, Integer> budgets,
        Map<RequestClass, Integer> effectiveBudgets) {

    static RateLimitsResponse of(TargetRateLimits settings, ConnectorProfile profile) {
        RateLimitPolicy policy = settings.policy(profile);
        boolean enabled = !Boolean.FALSE.equals(settings.enabled());
        long window = settings.windowSeconds() != null ? settings.windowSeconds()
                : profile.rateLimits().window().toSeconds();
        return new RateLimitsResponse(enabled, window, settings.budgets() == null ? Map.of() : settings.budgets(),
                policy.budgets());
    }
}
