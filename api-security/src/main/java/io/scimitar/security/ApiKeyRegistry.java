package io.scimitar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys and whom they belong to; lookups compare in constant time so that timing reveals nothing
 * about the keys. Built once at start: a weak key or a duplicate name stops the service.
 */
public final class ApiKeyRegistry {

    private record Key(String name, byte[] secret, Set<String> roles) {
    }

    private final List<Key> keys;

    private ApiKeyRegistry(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Reads the configured entries ({@code name:key} or {@code key}); blank entries are skipped.
     *
     * @throws InvalidApiKeyException when a key is weak, a name is invalid or two entries share a name
     */
    public static ApiKeyRegistry parse(List<String> adminEntries, List<String> readerEntries) {
        List<Key> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        add(keys, names, adminEntries, Set.of(ApiRoles.ADMIN, ApiRoles.READER));
        add(keys, names, readerEntries, Set.of(ApiRoles.READER));
        return new ApiKeyRegistry(keys);
    }

    /** The keys the configuration names. */
    public static ApiKeyRegistry of(ApiKeySettings settings) {
        return parse(settings.adminKeys().orElse(List.of()), settings.readerKeys().orElse(List.of()));
    }

    /** How many keys are configured. */
    public int size() {
        return keys.size();
    }

    /** The caller {@code key} belongs to (an admin key wins over a reader key), or empty for any other value. */
    public Optional<ApiCaller> find(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] candidate = key.trim().getBytes(StandardCharsets.UTF_8);
        Key found = null;
        for (Key known : keys) {
            if (MessageDigest.isEqual(known.secret(), candidate) && found == null) {
                found = known;
            }
        }
        return found == null ? Optional.empty() : Optional.of(new ApiCaller(found.name(), found.roles()));
    }

    /** The roles of {@code key}, or empty when it is not a configured key. */
    public Optional<Set<String>> roles(String key) {
        return find(key).map(ApiCaller::roles);
    }

    private static void add(List<Key> keys, Set<String> names, List<String> entries, Set<String> roles) {
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            ApiKeyEntry parsed = ApiKeyEntry.parse(entry);
            if (!names.add(parsed.name())) {
                throw new InvalidApiKeyException("Two API keys are named '" + parsed.name()
                        + "': give every key its own name");
            }
            keys.add(new Key(parsed.name(), parsed.key().getBytes(StandardCharsets.UTF_8), roles));
        }
    }
}
