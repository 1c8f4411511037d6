package io.scimitar.mock.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Throughput benchmark of the mock (run with the {@code bench} Maven profile, not a test): starts the packaged mock
 * ({@code target/quarkus-app/quarkus-run.jar}) with rate limits off on a free loopback port, then drives
 * POST /Users and GET /Users/{id} with a bounded number of requests and a time cap, and prints requests/s.
 */
public final class ThroughputBenchmark {

    private static final String TOKEN = "bench-token";
    private static final String USER_JSON = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"userName\":\"bench-%d@bench.test\",\"displayName\":\"Bench User %d\",\"active\":true,"
            + "\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User %d\"}}";

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 100_000);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int warmup = Integer.getInteger("bench.warmup", 20_000);
        Duration cap = Duration.ofSeconds(Long.getLong("bench.maxSeconds", 60));
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the module first");
        }
        int port = freePort();
        Process mock = startMock(jar, port);
        Vertx vertx = Vertx.vertx();
        try {
            awaitReady(port);
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(concurrency));
            System.out.printf("Mock on port %d, %d CPUs, concurrency %d, %d requests per scenario (cap %ds)%n",
                    port, Runtime.getRuntime().availableProcessors(), concurrency, requests, cap.toSeconds());

            ProcessHandle mockHandle = mock.toHandle();
            AtomicInteger sequence = new AtomicInteger();
            IntFunction<Future<Integer>> create = i -> send(client, HttpMethod.POST, "/api/v1/scim/Users",
                    Buffer.buffer(USER_JSON.formatted(sequence.get() + i, i, i)));
            run("warm-up POST /Users", warmup, concurrency, cap, mockHandle, create);
            sequence.addAndGet(warmup);
            Result post = run("POST /Users", requests, concurrency, cap, mockHandle, i -> send(client, HttpMethod.POST,
                    "/api/v1/scim/Users", Buffer.buffer(USER_JSON.formatted(sequence.get() + i, i, i))));

            List<String> ids = firstIds(port, 1000);
            run("warm-up GET /Users/{id}", warmup, concurrency, cap, mockHandle,
                    i -> send(client, HttpMethod.GET, "/api/v1/scim/Users/" + ids.get(i % ids.size()), null));
            Result get = run("GET /Users/{id}", requests, concurrency, cap, mockHandle,
                    i -> send(client, HttpMethod.GET, "/api/v1/scim/Users/" + ids.get(i % ids.size()), null));
            System.out.printf("%nRESULT POST /Users: %.0f req/s measured (%d ok, %d failed); %.0f req per mock CPU-second;"
                    + " CPU-bound rate (mock + load generator on the machine's cores) %.0f req/s%n",
                    post.perSecond(), post.ok(), post.failed(), post.perMockCpuSecond(), post.cpuBoundRate());
            System.out.printf("RESULT GET /Users/{id}: %.0f req/s measured (%d ok, %d failed); %.0f req per mock CPU-second;"
                    + " CPU-bound rate (mock + load generator on the machine's cores) %.0f req/s%n",
                    get.perSecond(), get.ok(), get.failed(), get.perMockCpuSecond(), get.cpuBoundRate());
            System.out.printf("Load average at the end: %.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            mock.destroy();
            mock.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Outcome of one scenario; {@code perMockCpuSecond} is the mock's cost, independent of other load on the machine. */
    record Result(long ok, long failed, double perSecond, double perMockCpuSecond, double cpuBoundRate) {
    }

    /** CPU time of this JVM (the load generator), to tell the mock's cost from the machine's other load. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Result run(String name, int total, int concurrency, Duration cap, ProcessHandle mock,
                              IntFunction<Future<Integer>> request) throws Exception {
        Duration cpuBefore = mock.info().totalCpuDuration().orElse(Duration.ZERO);
        long loadCpuBefore = ownCpuNanos();
        AtomicInteger issued = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + cap.toNanos();
        Promise<Void> done = Promise.promise();
        AtomicInteger running = new AtomicInteger(concurrency);
        long start = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            loop(request, total, issued, ok, failed, deadline, running, done);
        }
        done.future().toCompletionStage().toCompletableFuture().get(cap.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = mock.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore).toNanos() / 1e9;
        double loadCpuSeconds = (ownCpuNanos() - loadCpuBefore) / 1e9;
        long count = ok.get() + failed.get();
        int cores = Runtime.getRuntime().availableProcessors();
        Result result = new Result(ok.get(), failed.get(), count / seconds, cpuSeconds > 0 ? count / cpuSeconds : Double.NaN,
                count * cores / (cpuSeconds + loadCpuSeconds));
        System.out.printf("%-24s %8d ok %6d failed in %6.2f s -> %8.0f req/s (CPU-s used: mock %.1f, load generator %.1f;"
                        + " %.0f req per mock CPU-s; CPU-bound rate on %d dedicated cores %.0f req/s)%n",
                name, result.ok(), result.failed(), seconds, result.perSecond(), cpuSeconds, loadCpuSeconds,
                result.perMockCpuSecond(), cores, result.cpuBoundRate());
        return result;
    }

    private static void loop(IntFunction<Future<Integer>> request, int total, AtomicInteger issued, AtomicLong ok,
                             AtomicLong failed, long deadline, AtomicInteger running, Promise<Void> done) {
        int index = issued.getAndIncrement();
        if (index >= total || System.nanoTime() > deadline) {
            if (running.decrementAndGet() == 0) {
                done.tryComplete();
            }
            return;
        }
        request.apply(index).onComplete(ar -> {
            if (ar.succeeded() && ar.result() < 300) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            loop(request, total, issued, ok, failed, deadline, running, done);
        });
    }

    private static Future<Integer> send(HttpClient client, HttpMethod method, String uri, Buffer body) {
        return client.request(method, uri).compose(req -> {
            req.putHeader("Authorization", "Bearer " + TOKEN).putHeader("Accept", "application/scim+json");
            if (body == null) {
                return req.send();
            }
            req.putHeader("Content-Type", "application/scim+json");
            return req.send(body);
        }).compose(resp -> resp.body().map(b -> resp.statusCode()));
    }

    private static Process startMock(Path jar, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        String extraJvmArgs = System.getProperty("bench.mockJvmArgs", "").trim();
        if (!extraJvmArgs.isEmpty()) {
            command.addAll(List.of(extraJvmArgs.split("\\s+")));
        }
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dmiro-mock.token=" + TOKEN, "-Dmiro-mock.rate-limits.enabled=false",
                "-Dquarkus.log.level=WARN", "-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(jar.getParent().toFile(), "bench-mock.log")).start();
    }

    private static void awaitReady(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Mock did not become ready on port " + port);
    }

    private static List<String> firstIds(int port, int count) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/scim/Users?attributes=id&count=" + count))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"id\":\"(\\d+)\"").matcher(response.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No users to read: " + response.body());
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
