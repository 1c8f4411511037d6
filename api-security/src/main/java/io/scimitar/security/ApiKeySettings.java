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

    /** Keys with the admin role (comma-separated in environment variables: SCIMITAR_API_ADMIN_KEYS). */
    Optional<List<String>> adminKeys();

    /** Keys with the reader role (SCIMITAR_API_READER_KEYS). */
    Optional<List<String>> readerKeys();
}
