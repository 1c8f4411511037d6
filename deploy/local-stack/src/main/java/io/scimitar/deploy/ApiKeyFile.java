package io.scimitar.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The local stack's admin API key: random, created once, kept in a file only its owner can read. */
final class ApiKeyFile {

    private ApiKeyFile() {
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String key = Files.readString(file).trim();
                if (!key.isEmpty()) {
                    return key;
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the folder's permissions
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API key file " + file, e);
        }
    }
}
