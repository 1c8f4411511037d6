package io.scimitar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scimitar.deploy.process.ChildProcess;
import io.scimitar.deploy.process.Ports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the Miro SCIM mock (built by the {@code miro-scim-mock} module, which the reactor builds first) as its own
 * process, once per test JVM, on a free loopback port, with rate limits off. Tests provision into it and read its
 * state through its admin API. Tests that turn rate limits on get windows of {@link #RATE_LIMIT_WINDOW_SECONDS}
 * instead of Miro's 30 s, so that a run spans several windows in seconds.
 */
public class MiroMockResource implements QuarkusTestResourceLifecycleManager {

    /** The bearer token the mock accepts. */
    public static final String TOKEN = "scimitar-test-token";
    /** The length of the mock's rate-limit windows in tests. */
    public static final int RATE_LIMIT_WINDOW_SECONDS = 6;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ChildProcess process;
    private static int port;

    @Override
    public Map<String, String> start() {
        return Map.of("scimitar.test.miro-mock.url", baseUrl());
    }

    @Override
    public void stop() {
        // shared by every Quarkus application of this JVM; stopped by the shutdown hook
    }

    /** The mock's root URL, e.g. {@code http://127.0.0.1:41234}; starts the mock on first use. */
    public static synchronized String baseUrl() {
        if (process == null) {
            start(locateJar());
        }
        return "http://127.0.0.1:" + port;
    }

    /** The SCIM tenant URL, as Miro's {@code https://miro.com/api/v1/scim}. */
    public static String scimUrl() {
        return baseUrl() + "/api/v1/scim";
    }

    private static void start(Path jar) {
        port = Ports.freePort();
        try {
            Path logs = Files.createTempDirectory("miro-mock-");
            process = ChildProcess.start("miro-scim-mock", List.of(ChildProcess.javaExecutable(), "-Xmx512m",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dmiro-mock.token=" + TOKEN,
                    "-Dmiro-mock.rate-limits.enabled=false",
                    "-Dmiro-mock.rate-limits.window=" + RATE_LIMIT_WINDOW_SECONDS + "S", "-jar", jar.toString()), jar.getParent(), Map.of(),
                    logs.resolve("miro-scim-mock.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10)),
                "miro-mock-stop"));
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        boolean up = Ports.await(() -> {
            try {
                return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        if (!up) {
            throw new IllegalStateException("The Miro mock did not start; see " + process.logFile());
        }
    }

    private static Path locateJar() {
        String configured = System.getProperty("scimitar.miro-mock.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("miro-scim-mock/target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("miro-scim-mock/target/quarkus-app/quarkus-run.jar not found: build the "
                + "miro-scim-mock module first (./mvnw -pl miro-scim-mock package)");
    }
}
