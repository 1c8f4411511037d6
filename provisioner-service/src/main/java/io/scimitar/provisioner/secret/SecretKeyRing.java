package io.scimitar.provisioner.secret;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured encryption keys by id and the one that encrypts new values; refuses an unusable configuration. */
public final class SecretKeyRing {

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private SecretKeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * Reads {@code keyId:base64Key} entries. The messages of the exceptions name key ids and entry positions, never
     * key material.
     */
    public static SecretKeyRing parse(List<String> entries, String activeKeyId) {
        if (entries == null || entries.stream().allMatch(entry -> entry == null || entry.isBlank())) {
            throw new IllegalStateException("No key to encrypt secret tokens with: set scimitar.provisioner.secrets.keys "
                    + "(SCIMITAR_PROVISIONER_SECRETS_KEYS) to keyId:base64Key entries of 32 random bytes and "
                    + "scimitar.provisioner.secrets.active-key-id (see the provisioner's README)");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalStateException("scimitar.provisioner.secrets.keys entry " + (i + 1)
                        + " is not keyId:base64Key (key ids are 1 to 64 letters, digits, '.', '_' or '-')");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("scimitar.provisioner.secrets.keys: the key '" + id
                        + "' is not valid Base64");
            }
            if (material.length != 16 && material.length != 24 && material.length != 32) {
                throw new IllegalStateException("scimitar.provisioner.secrets.keys: the key '" + id + "' has "
                        + material.length + " bytes; an AES key has 16, 24 or 32 (32 recommended)");
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalStateException("scimitar.provisioner.secrets.keys: the key id '" + id
                        + "' is given twice");
            }
        }
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? (keys.size() == 1 ? keys.keySet().iterator().next() : null) : activeKeyId.trim();
        if (active == null) {
            throw new IllegalStateException("Several keys are configured: name the one that encrypts new values in "
                    + "scimitar.provisioner.secrets.active-key-id");
        }
        if (!keys.containsKey(active)) {
            throw new IllegalStateException("scimitar.provisioner.secrets.active-key-id is '" + active
                    + "', which is not among the configured keys " + keys.keySet());
        }
        return new SecretKeyRing(Map.copyOf(keys), active);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
