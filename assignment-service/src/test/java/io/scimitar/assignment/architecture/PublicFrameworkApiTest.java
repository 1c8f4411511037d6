package io.scimitar.assignment.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service reaches its database and Vert.x through public APIs only: no implementation classes of a framework,
 * which a Quarkus or Hibernate upgrade may change without notice.
 */
class PublicFrameworkApiTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final List<String> INTERNALS = List.of(".impl.", "io.smallrye.common.vertx.VertxContext",
            "io.quarkus.vertx.core.runtime.", "org.hibernate.reactive.pool.", "VertxContextSafetyToggle");

    @Test
    void usesNoFrameworkInternals() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (INTERNALS.stream().anyMatch(line::contains)) {
                        violations.add(SOURCES.relativize(file) + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(SOURCES).isDirectory();
        assertThat(violations).isEmpty();
    }
}
