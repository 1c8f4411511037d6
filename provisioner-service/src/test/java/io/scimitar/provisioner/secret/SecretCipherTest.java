package io.scimitar.provisioner.secret;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AES-GCM at rest: nonce per value, bound to its row, readable with any configured key, rotated to the active one. */
class SecretCipherTest {

    static final String KEY_A = "a:" + Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = "b:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String TOKEN = "tok-" + UUID.randomUUID();

    @Test
    void encryptsWithARandomNonceAndTheKeyIdAndNeverStoresThePlainToken() {
        SecretCipher cipher = new SecretCipher(SecretKeyRing.parse(List.of(KEY_A), "a"));
        UUID job = UUID.randomUUID();

        String first = cipher.encrypt(job, TOKEN);
        String second = cipher.encrypt(job, TOKEN);

        assertThat(first).startsWith("enc:v1:a:").doesNotContain(TOKEN).isNotEqualTo(second);
        assertThat(cipher.decrypt(job, first)).isEqualTo(TOKEN);
        assertThat(cipher.decrypt(job, second)).isEqualTo(TOKEN);
        assertThat(cipher.needsReencryption(first)).isFalse();
    }

    @Test
    void aValueCopiedToAnotherJobDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(SecretKeyRing.parse(List.of(KEY_A), "a"));
        String stored = cipher.encrypt(UUID.randomUUID(), TOKEN);

        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), stored))
                .isInstanceOf(SecretUnreadableException.class).hasMessageNotContaining(TOKEN);
    }

    @Test
    void readsWithAnyConfiguredKeyAndRotatesToTheActiveOne() {
        UUID job = UUID.randomUUID();
        String underA = new SecretCipher(SecretKeyRing.parse(List.of(KEY_A), "a")).encrypt(job, TOKEN);
        SecretCipher both = new SecretCipher(SecretKeyRing.parse(List.of(KEY_A, KEY_B), "b"));

        assertThat(both.needsReencryption(underA)).isTrue();
        String underB = both.encrypt(job, both.decrypt(job, underA));
        SecretCipher onlyB = new SecretCipher(SecretKeyRing.parse(List.of(KEY_B), "b"));

        assertThat(underB).startsWith("enc:v1:b:");
        assertThat(onlyB.decrypt(job, underB)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> onlyB.decrypt(job, underA)).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void readsTheValuesMigrationV6MarkedPlain() {
        SecretCipher cipher = new SecretCipher(SecretKeyRing.parse(List.of(KEY_A), "a"));

        assertThat(cipher.decrypt(UUID.randomUUID(), "plain:" + TOKEN)).isEqualTo(TOKEN);
        assertThat(cipher.needsReencryption("plain:" + TOKEN)).isTrue();
    }

    @Test
    void refusesToStartWithoutAUsableKeyAndNeverNamesKeyMaterial() {
        String material = Base64.getEncoder().encodeToString(new byte[7]);
        assertThatThrownBy(() -> SecretKeyRing.parse(null, null)).hasMessageContaining("No key");
        assertThatThrownBy(() -> SecretKeyRing.parse(List.of("short:" + material), null))
                .hasMessageContaining("7 bytes").hasMessageNotContaining(material);
        assertThatThrownBy(() -> SecretKeyRing.parse(List.of("x:not base64!"), null))
                .hasMessageContaining("Base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> SecretKeyRing.parse(List.of(KEY_A, KEY_B), null))
                .hasMessageContaining("active-key-id");
        assertThatThrownBy(() -> SecretKeyRing.parse(List.of(KEY_A), "c")).hasMessageContaining("'c'");
    }
}
