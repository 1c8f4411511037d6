package io.scimitar.provisioner.secret;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets are removed by value, in the forms a target or a library echoes them. */
class SecretScrubberTest {

    @Test
    void removesATokenWithATrailingNewlineAsTheHttpClientReportsIt() {
        String token = "s3cr3t+token/with=odd\"chars\n";
        SecretScrubber scrubber = SecretScrubber.of(token);

        assertThat(scrubber.scrub("invalid header value 'Bearer " + token + "'"))
                .doesNotContain("s3cr3t").contains(SecretScrubber.MASK);
        assertThat(scrubber.scrub("{\"detail\":\"got Bearer s3cr3t+token/with=odd\\\"chars\\n\"}"))
                .doesNotContain("s3cr3t");
        assertThat(scrubber.scrub("?token=" + URLEncoder.encode(token.strip(), StandardCharsets.UTF_8)))
                .doesNotContain("s3cr3t");
        assertThat(scrubber.scrub("Basic " + Base64.getEncoder().encodeToString(token.strip().getBytes())))
                .isEqualTo("Basic " + SecretScrubber.MASK);
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(SecretScrubber.of("long-secret-value").scrub("Connection refused: /127.0.0.1:55432"))
                .isEqualTo("Connection refused: /127.0.0.1:55432");
        assertThat(SecretScrubber.of((String) null).scrub("text")).isEqualTo("text");
        assertThat(SecretScrubber.none().scrub(null)).isNull();
    }
}
