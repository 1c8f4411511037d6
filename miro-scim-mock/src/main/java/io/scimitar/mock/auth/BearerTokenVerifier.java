package io.scimitar.mock.auth;

import io.scimitar.mock.config.MockConfig;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the {@code Authorization: Bearer} header against the configured token, in constant time. */
@Singleton
public class BearerTokenVerifier {

    private static final String PREFIX = "bearer ";

    private final byte[] expected;

    public BearerTokenVerifier(MockConfig config) {
        this.expected = config.token().getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= PREFIX.length()
                || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
