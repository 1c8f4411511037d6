package io.scimitar.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The local provisioner's key for the tokens at rest: 32 random bytes, its owner's alone, kept across runs. */
class SecretsKeyFileTest {

    @Test
    void createsAnOwnerOnlyKeyOnceAndKeepsIt(@TempDir Path home) throws IOException {
        Path file = home.resolve(".scimitar/provisioner-secrets-key");

        String entry = SecretsKeyFile.readOrCreate(file);

        assertThat(entry).startsWith(SecretsKeyFile.KEY_ID + ":");
        assertThat(Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1))).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretsKeyFile.readOrCreate(file)).isEqualTo(entry);
    }
}
