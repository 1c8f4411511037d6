package io.scimitar.endtoend;

import io.scimitar.deploy.process.ChildProcess;
import io.scimitar.deploy.process.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real Keycloak for the console's OIDC sign-in: the server distribution the build unpacks into
 * {@code target/keycloak} ({@code scimitar.keycloak.home}), run as {@code kc.sh start-dev} on a free port with an
 * in-memory database and the realm of {@code keycloak-realm.json} imported (the console's client, an admin and a
 * reader user). Keycloak 26 needs Java 21 or later: {@code SCIMITAR_KEYCLOAK_JAVA_HOME}, else the newest JDK 21+
 * under {@code /usr/lib/jvm}, else this JVM when it is one.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "scimitar";
    static final String CLIENT_ID = "scimitar-console";
    static final String ADMIN = "alice.admin";
    static final String READER = "robin.reader";
    /** The test users' password and the client's secret: made for each run, never printed. */
    final String password = "pw-" + UUID.randomUUID();
    final String clientSecret = "cs-" + UUID.randomUUID();

    private final Path home;
    private final Path java;
    private final int port = Ports.freePort();
    private ChildProcess process;

    private KeycloakServer(Path home, Path java) {
        this.home = home;
        this.java = java;
    }

    /** The server, or empty (saying why) when its distribution or a JDK 21+ is missing. */
    static Optional<KeycloakServer> find() {
        Path home = Path.of(System.getProperty("scimitar.keycloak.home", "target/keycloak/none"));
        Optional<Path> java = java21();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh")) || java.isEmpty()) {
            System.out.println("Keycloak: not started (" + (java.isEmpty() ? "no Java 21 or later found"
                    : "no distribution at " + home) + "): the OIDC sign-in steps are skipped");
            return Optional.empty();
        }
        return Optional.of(new KeycloakServer(home, java.get()));
    }

    /** The issuer ({@code quarkus.oidc.auth-server-url}). */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** Starts it (in the background: see {@link #awaitReady}) with the realm whose client signs in {@code console}. */
    void start(String consoleOrigin, Path log) {
        try (InputStream template = KeycloakServer.class.getResourceAsStream("/keycloak-realm.json")) {
            String realm = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@CONSOLE@", consoleOrigin).replace("@CLIENT_SECRET@", clientSecret)
                    .replace("@PASSWORD@", password);
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.writeString(imports.resolve(REALM + "-realm.json"), realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ChildProcess.start("keycloak", List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=127.0.0.1", "--http-port=" + port,
                        "--http-management-port=" + Ports.freePort(), "--db=dev-mem", "--import-realm"),
                home, Map.of("JAVA_HOME", java.toString(), "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m"), log);
    }

    /** Waits until the realm's discovery document is served; fails naming the log otherwise. */
    void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        boolean ready = Ports.await(() -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                return client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }, timeout);
        if (!ready || !process.isAlive()) {
            throw new IllegalStateException("Keycloak was not ready within " + timeout + "; see "
                    + process.logFile());
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    private static Optional<Path> java21() {
        String configured = System.getenv("SCIMITAR_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            Optional<Path> found = jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))
                    && feature(jdk) >= 21).max((a, b) -> Integer.compare(feature(a), feature(b)));
            if (found.isPresent()) {
                return found;
            }
        } catch (IOException e) {
            // no /usr/lib/jvm: this JVM is the only candidate
        }
        return Runtime.version().feature() >= 21 ? Optional.of(Path.of(System.getProperty("java.home")))
                : Optional.empty();
    }

    /** The JDK's feature version from its {@code release} file (0 when unknown). */
    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
