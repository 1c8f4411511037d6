package io.scimitar.provisioner.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's {@link SecretCipher}, from {@link SecretsSettings}; no key configured means no start. */
@ApplicationScoped
public class SecretCipherProducer {

    @Produces
    @Singleton
    SecretCipher cipher(SecretsSettings settings) {
        return new SecretCipher(SecretKeyRing.parse(settings.keys().orElse(null),
                settings.activeKeyId().orElse(null)));
    }
}
