package io.scimitar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One configured key: {@code name:key}, or a bare {@code key} named {@code key-} and the first 8 hex digits of its
 * SHA-256 (a fingerprint that does not reveal the key). The name is the caller's identity in the audit trail.
 */
public record ApiKeyEntry(String name, String key) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    @Override
    public String toString() {
        return "ApiKeyEntry[" + name + "]";
    }

    /** Reads a configured entry, refusing a bad name or a weak key; messages name the entry, never the key. */
    public static ApiKeyEntry parse(String entry) {
        String trimmed = entry.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return checked(fingerprint(trimmed), trimmed);
        }
        String name = trimmed.substring(0, colon).trim();
        String key = trimmed.substring(colon + 1).trim();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidApiKeyException("An API key entry has an invalid name (before ':'): names are 1 to 64 "
                    + "letters, digits, '.', '_', '@' or '-', starting with a letter or digit (key "
                    + fingerprint(key) + ")");
        }
        return checked(name, key);
    }

    /** The name given to a key without one: {@code key-} and the first 8 hex digits of its SHA-256. */
    public static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ApiKeyEntry checked(String name, String key) {
        ApiKeyRules.weakness(key).ifPresent(reason -> {
            throw new InvalidApiKeyException("API key '" + name + "' " + reason + ": use a random key of at least "
                    + ApiKeyRules.MIN_LENGTH + " characters, e.g. openssl rand -hex 32");
        });
        return new ApiKeyEntry(name, key);
    }
}
