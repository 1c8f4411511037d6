package io.scimitar.provisioner.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules engine is plain Java: no Quarkus, CDI or other provisioner packages, so it stays fast to test and reuse. */
class RulesPackageIndependenceTest {

    private static final Path SOURCES = Path.of("src/main/java/io/scimitar/provisioner/rules");
    private static final List<String> FORBIDDEN = List.of("import io.quarkus", "import jakarta.", "import javax.inject",
            "import io.smallrye", "import io.vertx", "import org.jboss", "import org.eclipse.microprofile");

    @Test
    void importsNeitherFrameworksNorTheRestOfTheProvisioner() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    boolean framework = FORBIDDEN.stream().anyMatch(trimmed::startsWith);
                    boolean otherPackage = trimmed.startsWith("import io.scimitar.")
                            && !trimmed.startsWith("import io.scimitar.provisioner.rules.");
                    if (framework || otherPackage) {
                        violations.add(SOURCES.relativize(file) + ": " + trimmed);
                    }
                }
            }
        }
        assertThat(SOURCES).isDirectory();
        assertThat(violations).isEmpty();
    }
}
