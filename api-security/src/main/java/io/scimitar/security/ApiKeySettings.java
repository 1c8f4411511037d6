package io.scimitar.security;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The API keys that may call {@code /api}: sent as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}.
 * No key configured means no caller gets in (OIDC may still be enabled through Quarkus' OIDC extension).
 */
@ConfigMapping(prefix = "scimitar.api")
public interface ApiKeySettings {

    /**
     * Keys with the admin role, each {@code name:key} or a bare {@code key} (comma-separated in environment
     * variables: SCIMITAR_API_ADMIN_KEYS). Every key must pass {@link ApiKeyRules} or the service does not start.
     */
    Optional<List<String>> adminKeys();

    /** Keys with the reader role, in the same form (SCIMITAR_API_READER_KEYS). */
    Optional<List<String>> readerKeys();
}
