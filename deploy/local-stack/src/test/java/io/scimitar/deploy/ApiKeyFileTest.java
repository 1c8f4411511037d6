package io.scimitar.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFileTest {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path home;

    @Test
    void createsTheKeyFileReadableByItsOwnerOnly() throws Exception {
        Path file = home.resolve("nested/api-key");

        String key = ApiKeyFile.readOrCreate(file);

        assertThat(key).matches("[0-9a-f]{48}");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ApiKeyFile.readOrCreate(file)).isEqualTo(key);
    }

    @Test
    void tightensAnExistingKeyFileThatOthersCanRead() throws Exception {
        Path file = home.resolve("api-key");
        Files.writeString(file, "an-existing-key\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ApiKeyFile.readOrCreate(file)).isEqualTo("an-existing-key");

        assertThat(Files.getPosixFilePermissions(file)).doesNotContainAnyElementsOf(GROUP_OR_OTHERS);
    }

    @Test
    void replacesAnEmptyKeyFileWithAnOwnerOnlyOne() throws Exception {
        Path file = home.resolve("api-key");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));

        String key = ApiKeyFile.readOrCreate(file);

        assertThat(key).isNotBlank();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void worksOnAFileSystemWithoutPosixPermissions() throws Exception {
        Path zip = home.resolve("keys.zip");
        try (FileSystem fileSystem = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path file = fileSystem.getPath("/stack/api-key");
            assertThat(fileSystem.supportedFileAttributeViews()).doesNotContain("posix");

            String key = ApiKeyFile.readOrCreate(file);

            assertThat(Files.readString(file).trim()).isEqualTo(key);
            assertThat(ApiKeyFile.readOrCreate(file)).isEqualTo(key);
        }
    }
}
