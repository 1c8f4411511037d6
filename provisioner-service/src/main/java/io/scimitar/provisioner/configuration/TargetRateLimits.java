package io.scimitar.provisioner.configuration;

import io.scimitar.provisioner.ratelimit.RateLimitPolicy;
import io.scimitar.provisioner.ratelimit.RequestClass;

import java.time.Duration;
import java.util.Map;

/**
 * A job's client-side rate limits: the profile's budgets (Miro's per-30-second budgets for the miro profile), turned
 * off, or with some budgets or the window changed, e.g. for a target whose contract allows more.
 *
 * @param enabled       false sends as fast as the job's concurrency allows; null or true follows the profile
 * @param windowSeconds the target's window, null for the profile's
 * @param budgets       requests per window for some request classes, replacing the profile's
 */
public record TargetRateLimits(Boolean enabled, Integer windowSeconds, Map<RequestClass, Integer> budgets) {

    static final int LONGEST_WINDOW_SECONDS = 3600;

    /** The limits a job of {@code profile} with these settings applies. */
    public RateLimitPolicy policy(ConnectorProfile profile) {
        if (Boolean.FALSE.equals(enabled)) {
            return RateLimitPolicy.NONE;
        }
        return profile.rateLimits().with(windowSeconds == null ? null : Duration.ofSeconds(windowSeconds), budgets);
    }

    /** The settings as stored for a job that did not set any. */
    public static TargetRateLimits profileDefaults() {
        return new TargetRateLimits(true, null, Map.of());
    }

    /** What is wrong with these settings, as "field: message" pairs; empty when valid. */
    public Map<String, String> problems() {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (windowSeconds != null && (windowSeconds < 1 || windowSeconds > LONGEST_WINDOW_SECONDS)) {
            problems.put("rateLimits.windowSeconds", "must be between 1 and " + LONGEST_WINDOW_SECONDS);
        }
        if (budgets != null) {
            budgets.forEach((requestClass, budget) -> {
                if (requestClass == null) {
                    problems.put("rateLimits.budgets", "names an unknown request class");
                } else if (budget == null || budget < 1) {
                    problems.put("rateLimits.budgets." + requestClass, "must be 1 or more requests per window");
                }
            });
        }
        return problems;
    }
}
