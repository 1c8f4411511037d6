package io.scimitar.mock.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scimitar.mock.config.MockConfig;
import io.scimitar.mock.ratelimit.RateLimitBucket;

import java.util.List;
import java.util.Map;

/** Runtime settings as read and changed through {@code /admin/settings}; null fields are left unchanged on PUT. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdminSettings(
        Boolean scimEnabled,
        Boolean rateLimitsEnabled,
        List<String> allowedDomains,
        MockConfig.DuplicateUserNameStyle duplicateUserName,
        Map<RateLimitBucket, Integer> rateLimitBudgets,
        Long rateLimitWindowSeconds,
        MockConfig.GroupModel groupModel,
        Integer maxUsers,
        Integer maxGroups,
        Boolean userNameFilterCaseExact) {
}
