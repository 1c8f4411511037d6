package io.scimitar.containertests;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

/**
 * One of the project's images ({@code scimitar/<name>:<version>}, built locally, never pulled) run as in production:
 * read-only root file system, a writable tmpfs on /tmp, a memory limit, the user the image names. The host network
 * lets it reach the Kafka broker and PostgreSQL server that the test runs on this machine's loopback.
 */
final class ServiceContainer extends GenericContainer<ServiceContainer> {

    static final long MEMORY_LIMIT = 768L * 1024 * 1024;

    private final String name;
    private final int port;

    ServiceContainer(String name, String tag, int port, Map<String, String> environment, Path logs) {
        super(DockerImageName.parse("scimitar/" + name + ":" + tag));
        this.name = name;
        this.port = port;
        withNetworkMode("host");
        withEnv(environment);
        withEnv("QUARKUS_HTTP_PORT", Integer.toString(port));
        withEnv("QUARKUS_HTTP_HOST", "127.0.0.1");
        withTmpFs(Map.of("/tmp", "rw,size=64m"));
        withCreateContainerCmdModifier(command -> command.getHostConfig()
                .withReadonlyRootfs(true)
                .withMemory(MEMORY_LIMIT));
        withLogConsumer(frame -> append(logs.resolve(name + ".log"), frame.getUtf8String()));
        waitingFor(new ReadyOnHostPort(port).withStartupTimeout(Duration.ofMinutes(3)));
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
