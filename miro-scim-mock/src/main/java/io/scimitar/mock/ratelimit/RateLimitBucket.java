package io.scimitar.mock.ratelimit;

import io.scimitar.mock.http.EndpointClass;

/** A rate-limit budget: Miro counts Group PATCH bodies over 500 bytes against a smaller budget. */
public enum RateLimitBucket {
    USERS_LIST, USERS_GET, USERS_CREATE, USERS_REPLACE, USERS_PATCH, USERS_DELETE,
    GROUPS_LIST, GROUPS_GET, GROUPS_PATCH, GROUPS_PATCH_LARGE, GROUPS_CREATE, GROUPS_REPLACE, GROUPS_DELETE;

    /** The bucket of a request, or null when Miro does not rate-limit the endpoint class. */
    public static RateLimitBucket of(EndpointClass endpoint, boolean largeBody) {
        return switch (endpoint) {
            case USERS_LIST -> USERS_LIST;
            case USERS_GET -> USERS_GET;
            case USERS_CREATE -> USERS_CREATE;
            case USERS_REPLACE -> USERS_REPLACE;
            case USERS_PATCH -> USERS_PATCH;
            case USERS_DELETE -> USERS_DELETE;
            case GROUPS_LIST -> GROUPS_LIST;
            case GROUPS_GET -> GROUPS_GET;
            case GROUPS_PATCH -> largeBody ? GROUPS_PATCH_LARGE : GROUPS_PATCH;
            case GROUPS_CREATE -> GROUPS_CREATE;
            case GROUPS_REPLACE -> GROUPS_REPLACE;
            case GROUPS_DELETE -> GROUPS_DELETE;
            default -> null;
        };
    }
}
