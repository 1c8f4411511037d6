package io.scimitar.provisioner.secret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Encrypts secrets at rest with AES-GCM: a random 96-bit nonce per value, the owner's id (and the key id) as
 * associated data, so a value copied to another row does not decrypt. Stored as {@code enc:v1:<keyId>:<base64>}.
 */
public final class SecretCipher {

    static final String PREFIX = "enc:v1:";
    /** How migration V6 marked the values stored in plain text before encryption existed. */
    static final String PLAIN_PREFIX = "plain:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKeyRing keys) {
        this.keys = keys;
    }

    /** {@code plain} encrypted with the active key for the row {@code owner}. */
    public String encrypt(UUID owner, String plain) {
        String keyId = keys.activeKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, owner));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The plain value of a stored one (encrypted with any configured key, or marked plain by migration V6).
     *
     * @throws SecretUnreadableException when its key is not configured or it was not encrypted for {@code owner}
     */
    public String decrypt(UUID owner, String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(PLAIN_PREFIX)) {
            return stored.substring(PLAIN_PREFIX.length());
        }
        if (!stored.startsWith(PREFIX)) {
            throw new SecretUnreadableException("the stored secret of " + owner + " is in no known format");
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new SecretUnreadableException("the stored secret of " + owner + " is in no known format");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        var key = keys.key(keyId).orElseThrow(() -> new SecretUnreadableException("the secret of " + owner
                + " is encrypted with the key '" + keyId + "', which is not configured"));
        try {
            byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, owner));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException("the secret of " + owner + " does not decrypt with the key '" + keyId
                    + "' (another key with the same id, or a value copied from another row)");
        }
    }

    /** Whether a stored value should be encrypted again: plain, or encrypted with a key that is no longer active. */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(PREFIX + keys.activeKeyId() + ":");
    }

    private static byte[] associatedData(String keyId, UUID owner) {
        return ("v1:" + keyId + ":" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
