package io.scimitar.mock.ratelimit;

import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.config.MockSettings;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Miro's fixed-window rate limits (per 30 s by default), one budget per {@link RateLimitBucket}. */
@Singleton
public class RateLimiter {

    private final MockSettings settings;
    private final Map<RateLimitBucket, Integer> configuredBudgets;
    private final Map<RateLimitBucket, Integer> budgets = new ConcurrentHashMap<>();
    private final Map<RateLimitBucket, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(MockSettings settings, MockConfig config) {
        this.settings = settings;
        MockConfig.RateLimits limits = config.rateLimits();
        Map<RateLimitBucket, Integer> configured = new EnumMap<>(RateLimitBucket.class);
        configured.put(RateLimitBucket.USERS_LIST, limits.usersList());
        configured.put(RateLimitBucket.USERS_GET, limits.usersGet());
        configured.put(RateLimitBucket.USERS_CREATE, limits.usersCreate());
        configured.put(RateLimitBucket.USERS_REPLACE, limits.usersReplace());
        configured.put(RateLimitBucket.USERS_PATCH, limits.usersPatch());
        configured.put(RateLimitBucket.USERS_DELETE, limits.usersDelete());
        configured.put(RateLimitBucket.GROUPS_LIST, limits.groupsList());
        configured.put(RateLimitBucket.GROUPS_GET, limits.groupsGet());
        configured.put(RateLimitBucket.GROUPS_PATCH, limits.groupsPatch());
        configured.put(RateLimitBucket.GROUPS_PATCH_LARGE, limits.groupsPatchLarge());
        configured.put(RateLimitBucket.GROUPS_CREATE, limits.groupsCreate());
        configured.put(RateLimitBucket.GROUPS_REPLACE, limits.groupsReplace());
        configured.put(RateLimitBucket.GROUPS_DELETE, limits.groupsDelete());
        this.configuredBudgets = Map.copyOf(configured);
        reset();
    }

    /** Takes one request from the bucket's window; returns 0 when allowed, else the seconds until the window resets. */
    public long tryAcquire(RateLimitBucket bucket) {
        if (!settings.rateLimitsEnabled() || bucket == null) {
            return 0;
        }
        long windowMillis = settings.rateLimitWindow().toMillis();
        Window window = windows.computeIfAbsent(bucket, b -> new Window());
        return window.tryAcquire(budgets.getOrDefault(bucket, Integer.MAX_VALUE), windowMillis, System.currentTimeMillis());
    }

    public Map<RateLimitBucket, Integer> budgets() {
        return new EnumMap<>(budgets);
    }

    public void budget(RateLimitBucket bucket, int limit) {
        budgets.put(bucket, limit);
    }

    /** Restores the configured budgets and starts fresh windows. */
    public void reset() {
        budgets.clear();
        budgets.putAll(configuredBudgets);
        windows.clear();
    }

    /** A fixed window that starts with the first request after the previous window ended. */
    private static final class Window {
        private long start;
        private int used;

        synchronized long tryAcquire(int limit, long windowMillis, long now) {
            if (used == 0 || now - start >= windowMillis) {
                start = now;
                used = 0;
            }
            if (used < limit) {
                used++;
                return 0;
            }
            return Math.max(1, (start + windowMillis - now + 999) / 1000);
        }
    }
}
