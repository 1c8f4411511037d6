package io.scimitar.provisioner.secret;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The keys that encrypt the jobs' secret tokens at rest. */
@ConfigMapping(prefix = "scimitar.provisioner.secrets")
public interface SecretsSettings {

    /**
     * Every usable key as {@code keyId:base64Key} (AES, 16, 24 or 32 bytes; comma-separated in the environment
     * variable {@code SCIMITAR_PROVISIONER_SECRETS_KEYS}). Values encrypted with any of them can be read.
     */
    Optional<List<String>> keys();

    /** The id of the key that encrypts new values (and that re-encryption at start-up moves every value to). */
    Optional<String> activeKeyId();
}
