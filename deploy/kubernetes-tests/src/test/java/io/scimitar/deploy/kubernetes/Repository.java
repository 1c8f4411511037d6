package io.scimitar.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Where the repository, its manifests and the operators' CRDs are, and the services' configuration files. */
final class Repository {

    static final String CRDS_ENV = "SCIMITAR_CRDS_DIR";

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("scimitar.repository");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    static String projectVersion() {
        String version = System.getProperty("scimitar.version");
        if (version == null) {
            throw new IllegalStateException("System property scimitar.version is not set (the pom passes it)");
        }
        return version;
    }

    /**
     * The folder with the operators' CRDs: {@code $SCIMITAR_CRDS_DIR}, else {@code <repo>/../shared/reference/crds},
     * else {@code /work/shared/reference/crds}. They are read, never copied into the repository.
     */
    static Path crds() {
        List<Path> tried = new ArrayList<>();
        String fromEnv = System.getenv(CRDS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            tried.add(Path.of(fromEnv));
        }
        tried.add(root().resolve("../shared/reference/crds").normalize());
        tried.add(Path.of("/work/shared/reference/crds"));
        for (Path candidate : tried) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No CRD folder found: set " + CRDS_ENV
                + " to a folder with the Strimzi, CloudNativePG and KEDA CRDs (tried " + tried + ")");
    }

    /** A service module's application.properties, read as Java properties (profile keys included). */
    static Properties applicationProperties(String module) {
        Path file = root().resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return properties;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
