package io.scimitar.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The local stack's admin API key: random, created once, in a file only its owner can read. On a POSIX file system
 * the file is created with mode 0600 (never readable by others, not even for an instant), and an existing key file
 * that others can read is tightened to 0600.
 */
final class ApiKeyFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ApiKeyFile() {
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String key = Files.readString(file).trim();
                if (!key.isEmpty()) {
                    restrictToOwner(file);
                    return key;
                }
                Files.delete(file);
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (SeekableByteChannel channel = createOwnerOnly(file)) {
                channel.write(ByteBuffer.wrap((key + System.lineSeparator()).getBytes(StandardCharsets.UTF_8)));
            } catch (FileAlreadyExistsException e) {
                // another launcher created it meanwhile: use its key
                return Files.readString(file).trim();
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API key file " + file, e);
        }
    }

    private static SeekableByteChannel createOwnerOnly(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (isPosix(file)) {
            return Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        // not a POSIX file system: the file gets the folder's access rules
        return Files.newByteChannel(file, options);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
