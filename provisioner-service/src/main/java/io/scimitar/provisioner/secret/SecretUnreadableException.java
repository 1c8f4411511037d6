package io.scimitar.provisioner.secret;

/** A stored secret that cannot be decrypted with the configured keys; its message never holds key or secret. */
public class SecretUnreadableException extends IllegalStateException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
