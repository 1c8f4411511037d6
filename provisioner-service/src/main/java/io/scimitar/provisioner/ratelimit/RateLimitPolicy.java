package io.scimitar.provisioner.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many requests of each class a target accepts per window. A class without a budget is not limited.
 *
 * @param window          the length of the target's window
 * @param budgets         requests per window, per request class
 * @param largePatchBytes group PATCH bodies above this size count against {@link RequestClass#GROUPS_PATCH_LARGE}
 */
public record RateLimitPolicy(Duration window, Map<RequestClass, Integer> budgets, int largePatchBytes) {

    /** No limits: requests go out as fast as the job's concurrency allows. */
    public static final RateLimitPolicy NONE = new RateLimitPolicy(Duration.ofSeconds(30), Map.of(), 500);

    /** Miro's documented budgets per 30-second window (REST API levels L1 to L4). */
    public static final RateLimitPolicy MIRO = new RateLimitPolicy(Duration.ofSeconds(30), miroBudgets(), 500);

    public RateLimitPolicy {
        budgets = Collections.unmodifiableMap(budgets.isEmpty() ? new EnumMap<>(RequestClass.class)
                : new EnumMap<>(budgets));
    }

    public boolean isLimited() {
        return !budgets.isEmpty();
    }

    /** This policy with another window and some budgets replaced; null arguments keep what this policy has. */
    public RateLimitPolicy with(Duration newWindow, Map<RequestClass, Integer> newBudgets) {
        Map<RequestClass, Integer> merged = new EnumMap<>(RequestClass.class);
        merged.putAll(budgets);
        if (newBudgets != null) {
            merged.putAll(newBudgets);
        }
        return new RateLimitPolicy(newWindow == null ? window : newWindow, merged, largePatchBytes);
    }

    private static Map<RequestClass, Integer> miroBudgets() {
        Map<RequestClass, Integer> budgets = new EnumMap<>(RequestClass.class);
        budgets.put(RequestClass.USERS_QUERY, 200);
        budgets.put(RequestClass.USERS_GET, 200);
        budgets.put(RequestClass.USERS_CREATE, 200);
        budgets.put(RequestClass.USERS_REPLACE, 100);
        budgets.put(RequestClass.USERS_PATCH, 100);
        budgets.put(RequestClass.USERS_DELETE, 20);
        budgets.put(RequestClass.GROUPS_QUERY, 5);
        budgets.put(RequestClass.GROUPS_GET, 20);
        budgets.put(RequestClass.GROUPS_PATCH, 100);
        budgets.put(RequestClass.GROUPS_PATCH_LARGE, 5);
        return budgets;
    }
}
