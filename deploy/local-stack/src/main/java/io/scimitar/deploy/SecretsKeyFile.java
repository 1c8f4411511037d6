package io.scimitar.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts the local provisioner's secret tokens at rest ({@code keyId:base64Key}): 32 random bytes,
 * created once in a file that is its owner's alone from the first byte; kept, as the stored tokens need it.
 */
final class SecretsKeyFile {

    static final String KEY_ID = "local-1";

    private SecretsKeyFile() {
    }

    /** The {@code keyId:base64Key} entry of the stack's key, creating it on first use. */
    static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String entry = Files.readString(file).trim();
                if (!entry.isEmpty()) {
                    return entry;
                }
                Files.delete(file);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String entry = KEY_ID + ":" + Base64.getEncoder().encodeToString(random);
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, ownerOnly());
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the file keeps the folder's permissions
            } catch (FileAlreadyExistsException e) {
                return readOrCreate(file);
            }
            Files.writeString(file, entry + System.lineSeparator());
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key file " + file, e);
        }
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
