package io.scimitar.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes an API key unfit to guard the API: too short, a known placeholder, or too few distinct characters.
 * The services refuse to start with such a key (see the README for the list).
 */
public final class ApiKeyRules {

    /** The shortest key accepted; {@code openssl rand -hex 32} gives 64 characters. */
    public static final int MIN_LENGTH = 32;

    /** Fewer distinct characters than this is a pattern, not a secret ("aaaa...", "abab..."). */
    public static final int MIN_DISTINCT_CHARACTERS = 6;

    /** Words of example and placeholder keys, matched anywhere in the key, ignoring case. */
    public static final List<String> PLACEHOLDER_WORDS = List.of(
            "replace", "change-me", "change_me", "changeme", "changeit", "placeholder", "example", "sample",
            "secret", "password", "passwd", "test", "dummy", "default", "your-key", "your_key", "yourkey", "todo",
            "fixme", "insert", "api-key", "apikey");

    private ApiKeyRules() {
    }

    /** Why {@code key} may not be used, or empty when it is fit. Never repeats the key. */
    public static Optional<String> weakness(String key) {
        if (key == null || key.length() < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return Optional.of("looks like a placeholder (contains '" + word + "')");
            }
        }
        if (key.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("has fewer than " + MIN_DISTINCT_CHARACTERS + " distinct characters");
        }
        if (key.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Optional.of("contains a space or a control character");
        }
        return Optional.empty();
    }
}
