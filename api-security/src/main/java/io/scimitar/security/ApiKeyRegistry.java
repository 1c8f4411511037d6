package io.scimitar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Looks up the roles of an API key, comparing in constant time so that timing reveals nothing about the keys. */
public final class ApiKeyRegistry {

    private final List<byte[]> adminKeys;
    private final List<byte[]> readerKeys;

    public ApiKeyRegistry(List<String> adminKeys, List<String> readerKeys) {
        this.adminKeys = adminKeys.stream().filter(key -> !key.isBlank()).map(ApiKeyRegistry::bytes).toList();
        this.readerKeys = readerKeys.stream().filter(key -> !key.isBlank()).map(ApiKeyRegistry::bytes).toList();
    }

    /** The keys the configuration names. */
    public static ApiKeyRegistry of(ApiKeySettings settings) {
        return new ApiKeyRegistry(settings.adminKeys().orElse(List.of()), settings.readerKeys().orElse(List.of()));
    }

    /** The roles of {@code key}, or empty when it is not a configured key. */
    public Optional<Set<String>> roles(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] candidate = bytes(key.trim());
        boolean admin = matchesAny(adminKeys, candidate);
        boolean reader = matchesAny(readerKeys, candidate);
        if (admin) {
            return Optional.of(Set.of(ApiRoles.ADMIN, ApiRoles.READER));
        }
        return reader ? Optional.of(Set.of(ApiRoles.READER)) : Optional.empty();
    }

    private static boolean matchesAny(List<byte[]> keys, byte[] candidate) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, candidate);
        }
        return found;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
