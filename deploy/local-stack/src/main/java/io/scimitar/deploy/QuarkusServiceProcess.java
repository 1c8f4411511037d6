package io.scimitar.deploy;

import io.scimitar.deploy.process.ChildProcess;
import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.Supervised;
import io.scimitar.deploy.process.Supervisor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One of the project's Quarkus applications, run from its built {@code target/quarkus-app/quarkus-run.jar}. */
final class QuarkusServiceProcess implements Supervised {

    /**
     * The provisioner's JVM options, as its container image sets them ({@code quarkus.jib.jvm-additional-arguments}),
     * so that the local stack runs what the pods run: the serial collector, which the JVM also picks by itself in a
     * container under 1,792 MiB such as its Kubernetes pod. Its live heap is some 30 MiB; against G1 it cost somewhat
     * less CPU on average in the whole-stack benchmark, within a wide spread (docs/benchmarks.md).
     */
    static final List<String> PROVISIONER_JVM_OPTIONS = List.of("-XX:+UseSerialGC");
    /**
     * assignment-service's, as its image sets them: the serial collector as the provisioner's, and the client
     * compiler only ({@code TieredStopAtLevel=1}). Its requests spend their time in PostgreSQL; the server compiler
     * took a third of its CPU in a bulk import (43 % of its threads' over the whole-stack benchmark), and the
     * code it compiled saved no measurable CPU per change afterwards (docs/benchmarks.md, 2026-12-08).
     */
    static final List<String> ASSIGNMENT_SERVICE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * The Miro mock's: it keeps every user in its heap (hundreds of MiB live), where G1's concurrent marking spares
     * it the long full collections of a stop-the-world collector.
     */
    static final List<String> MOCK_JVM_OPTIONS = List.of("-XX:+UseG1GC");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private ChildProcess process;
    private Path logs;
    private String heap;

    QuarkusServiceProcess(String name, Path moduleDirectory, int port, Map<String, String> environment,
            List<String> jvmOptions) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jar = moduleDirectory.resolve("target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.environment = new HashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    }

    @Override
    public String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    void start(Path logs, String heap) {
        this.logs = logs;
        this.heap = heap;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        if (Ports.isListening(port)) {
            throw new IllegalStateException("Port " + port + " for " + name + " is already in use; pick another with "
                    + "the matching --...-port option or stop what uses it");
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        process = ChildProcess.start(name, command, jar.getParent(), environment, logs.resolve(name + ".log"));
    }

    /** Waits until {@code /q/health/ready} answers 200; false if the process dies or the time runs out. */
    boolean awaitReady(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        return Ports.await(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + process.logFile());
            }
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, timeout);
    }

    @Override
    public Path logFile() {
        return process != null ? process.logFile() : logs.resolve(name + ".log");
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return process == null ? null : process.onExit();
    }

    /** Starts it again with the same port, heap and environment (after it died; see {@link Supervisor}). */
    @Override
    public void restart() {
        start(logs, heap);
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a crash would; returns once the process is gone and its port is free. */
    void kill() {
        if (process != null) {
            process.kill();
            Ports.await(() -> !Ports.isListening(port), Duration.ofSeconds(10));
        }
    }
}
