package io.scimitar.provisioner.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.provisioner.secret.SecretCipher;
import io.scimitar.provisioner.secret.SecretKeyRing;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tokens at rest: the column holds ciphertext under the active key, plain rows left by migration V6 are encrypted,
 * and rotation (A, then A and B with B active, re-encrypt, then B alone) keeps every token readable.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class SecretRotationTest {

    private static final String KEY_B = "rotated-b:" + Base64.getEncoder()
            .encodeToString("an-other-32-byte-key-for-testing".getBytes());

    @Inject
    Pool database;

    @Inject
    SecretTokenReencryption reencryption;

    @ConfigProperty(name = "scimitar.provisioner.secrets.keys")
    List<String> configuredKeys;

    @Test
    void storesOnlyCiphertextAndEncryptsThePlainRowsMigrationV6Marked() {
        String token = "at-rest-" + UUID.randomUUID();
        Map<String, Object> settings = miroJob(newApplication());
        settings.put("secretToken", token);
        UUID job = UUID.fromString(createJob(settings));

        assertThat(stored(job)).startsWith("enc:v1:test-1:").doesNotContain(token);

        database.preparedQuery("update provisioning_job set secret_token = $1 where id = $2")
                .execute(Tuple.of("plain:" + token, job)).await().indefinitely();
        assertThat(reencryption.reencrypt(cipher(configuredKeys, "test-1")).await().indefinitely()).isPositive();

        assertThat(stored(job)).startsWith("enc:v1:test-1:").doesNotContain(token);
        assertThat(cipher(configuredKeys, "test-1").decrypt(job, stored(job))).isEqualTo(token);
    }

    @Test
    void rotatesEveryTokenToTheNewKeyAndReadsThemWithItAlone() {
        Map<UUID, String> tokens = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String token = "rotate-" + i + "-" + UUID.randomUUID();
            Map<String, Object> settings = miroJob(newApplication());
            settings.put("secretToken", token);
            tokens.put(UUID.fromString(createJob(settings)), token);
        }
        List<String> both = new ArrayList<>(configuredKeys);
        both.add(KEY_B);
        try {
            reencryption.reencrypt(cipher(both, "rotated-b")).await().indefinitely();

            SecretCipher onlyB = cipher(List.of(KEY_B), "rotated-b");
            tokens.forEach((job, token) -> {
                assertThat(stored(job)).startsWith("enc:v1:rotated-b:").doesNotContain(token);
                assertThat(onlyB.decrypt(job, stored(job))).isEqualTo(token);
            });
            assertThat(everyStoredToken()).allSatisfy(value -> assertThat(value).startsWith("enc:v1:rotated-b:"));
        } finally {
            // back to the service's own key, which the running service and every later start read with
            reencryption.reencrypt(cipher(both, "test-1")).await().indefinitely();
        }
        UUID job = tokens.keySet().iterator().next();
        assertThat(stored(job)).startsWith("enc:v1:test-1:");
        asAdmin().post("/api/v1/jobs/" + job + "/test-connection").then().statusCode(200)
                .body("outcome", equalTo("UNAUTHORIZED"));
        asAdmin().contentType(ContentType.JSON).get("/api/v1/jobs/" + job).then().body("secretTokenSet", equalTo(true));
    }

    private static SecretCipher cipher(List<String> keys, String active) {
        return new SecretCipher(SecretKeyRing.parse(keys, active));
    }

    private String stored(UUID job) {
        return database.preparedQuery("select secret_token from provisioning_job where id = $1")
                .execute(Tuple.of(job)).await().indefinitely().iterator().next().getString(0);
    }

    private List<String> everyStoredToken() {
        List<String> values = new ArrayList<>();
        for (Row row : database.preparedQuery("select secret_token from provisioning_job where secret_token is not null")
                .execute().await().indefinitely()) {
            values.add(row.getString(0));
        }
        return values;
    }
}
