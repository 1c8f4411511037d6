package io.scimitar.mock.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Throughput benchmark of the mock (run with the {@code bench} Maven profile, not a test): starts the packaged mock
 * ({@code target/quarkus-app/quarkus-run.jar}) with rate limits off on a free loopback port, warms both scenarios up
 * (two alternating passes), then measures POST /Users and GET /Users/{id} in several rounds with
 * {@link NioLoadGenerator} and prints, per round and as the median, the requests/s and where the CPU went: the mock
 * (user and kernel time), the load generator, and the rest of the machine.
 */
public final class ThroughputBenchmark {

    private static final String TOKEN = "bench-token";
    private static final String USERS = "/api/v1/scim/Users";

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 50_000);
        int warmup = Integer.getInteger("bench.warmup", 60_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        long capSeconds = Long.getLong("bench.maxSeconds", 60);
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the module first");
        }
        int port = freePort();
        Process mock = startMock(jar, port);
        try {
            awaitReady(port);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("Mock pid %d on port %d; %d CPUs; %d connections; warm-up %d per scenario, then %d rounds of %d requests"
                    + " per scenario (cap %d s); load average %.2f%n", mock.pid(), port, cores, concurrency, warmup,
                    rounds, requests, capSeconds, loadAverage());
            Header header = new Header(port);
            int[] nextUser = {0};
            IntFunction<byte[]> create = i -> header.post(USERS, userJson(nextUser[0]++));
            try (NioLoadGenerator load = new NioLoadGenerator(new InetSocketAddress("127.0.0.1", port), concurrency)) {
                Scenario post = new Scenario("POST /Users", load, mock.pid(), cores, capSeconds);
                post.run("warm-up", warmup / 2, create);
                List<String> ids = firstIds(port, 1000);
                IntFunction<byte[]> get = i -> header.get(USERS + "/" + ids.get(i % ids.size()));
                Scenario read = new Scenario("GET /Users/{id}", load, mock.pid(), cores, capSeconds);
                read.run("warm-up", warmup / 2, get);
                // A second pass: the JIT recompiles code shared by both calls once it has seen both.
                post.run("warm-up", warmup / 2, create);
                read.run("warm-up", warmup / 2, get);
                for (int round = 1; round <= rounds; round++) {
                    post.measure("round " + round, requests, create);
                    read.measure("round " + round, requests, get);
                }
                System.out.println();
                post.printMedian();
                read.printMedian();
            }
            System.out.printf("Load average at the end: %.2f%n", loadAverage());
        } finally {
            mock.destroy();
            mock.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String userJson(int n) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench-" + n
                + "@bench.test\",\"displayName\":\"Bench User " + n + "\",\"active\":true,"
                + "\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User " + n + "\"}}";
    }

    /** Prebuilt request heads: only the path, body and its length change per request. */
    private record Header(int port) {
        byte[] get(String path) {
            return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nAccept: application/scim+json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        byte[] post(String path, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nAccept: application/scim+json\r\nContent-Type: application/scim+json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            return request;
        }
    }

    /** One measured round: rate, and CPU seconds of the mock (user, kernel), of the load generator, of the rest. */
    record Round(double perSecond, long ok, long failed, double seconds, double mockUser, double mockSystem,
                 double generator, double others, int cores) {
        double mock() {
            return mockUser + mockSystem;
        }

        double perMockCpuSecond() {
            return (ok + failed) / mock();
        }

        /** What mock + generator would reach with the machine's cores to themselves. */
        double cpuBoundRate() {
            return (ok + failed) * cores / (mock() + generator);
        }

        double mockShare() {
            return mock() / (seconds * cores);
        }

        double othersShare() {
            return others / (seconds * cores);
        }
    }

    /** Runs one request shape and keeps the measured rounds. */
    private static final class Scenario {
        private final String name;
        private final NioLoadGenerator load;
        private final long mockPid;
        private final int cores;
        private final long capSeconds;
        private final List<Round> rounds = new ArrayList<>();

        Scenario(String name, NioLoadGenerator load, long mockPid, int cores, long capSeconds) {
            this.name = name;
            this.load = load;
            this.mockPid = mockPid;
            this.cores = cores;
            this.capSeconds = capSeconds;
        }

        void measure(String label, int total, IntFunction<byte[]> request) throws IOException {
            rounds.add(run(label, total, request));
        }

        Round run(String label, int total, IntFunction<byte[]> request) throws IOException {
            long[] mockBefore = processTicks(mockPid);
            long generatorBefore = ownCpuNanos();
            long[] machineBefore = machineTicks();
            NioLoadGenerator.Outcome outcome = load.run(total, System.nanoTime() + TimeUnit.SECONDS.toNanos(capSeconds), request);
            long[] mockAfter = processTicks(mockPid);
            double generator = (ownCpuNanos() - generatorBefore) / 1e9;
            long[] machineAfter = machineTicks();
            double seconds = outcome.nanos() / 1e9;
            double mockUser = ticksToSeconds(mockAfter[0] - mockBefore[0]);
            double mockSystem = ticksToSeconds(mockAfter[1] - mockBefore[1]);
            double machineBusy = ticksToSeconds(machineAfter[0] - machineBefore[0]);
            double others = Math.max(0, machineBusy - mockUser - mockSystem - generator);
            Round round = new Round((outcome.ok() + outcome.failed()) / seconds, outcome.ok(), outcome.failed(), seconds,
                    mockUser, mockSystem, generator, others, cores);
            System.out.printf("%-16s %-8s %7d ok %5d failed in %6.2f s -> %7.0f req/s | CPU-s: mock %.1f (user %.1f, kernel"
                            + " %.1f, %2.0f%% of the machine), generator %.1f, others %.1f (%2.0f%%) | %5.0f req per mock"
                            + " CPU-s, CPU-bound rate %5.0f req/s%n",
                    name, label, outcome.ok(), outcome.failed(), seconds, round.perSecond(), round.mock(), mockUser,
                    mockSystem, 100 * round.mockShare(), generator, others, 100 * round.othersShare(),
                    round.perMockCpuSecond(), round.cpuBoundRate());
            return round;
        }

        void printMedian() {
            System.out.printf("RESULT %-16s median of %d rounds: %.0f req/s measured (%d failed in all); mock %.0f%% of"
                            + " the machine, others %.0f%%; %.0f req per mock CPU-second; CPU-bound rate (mock +"
                            + " generator on %d cores) %.0f req/s%n",
                    name, rounds.size(), median(Round::perSecond), rounds.stream().mapToLong(Round::failed).sum(),
                    100 * median(Round::mockShare), 100 * median(Round::othersShare), median(Round::perMockCpuSecond),
                    cores, median(Round::cpuBoundRate));
        }

        private double median(ToDoubleFunction<Round> metric) {
            double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    /** utime and stime of a process in clock ticks, from /proc (Linux); total CPU as user time elsewhere. */
    private static long[] processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException notLinux) {
            long nanos = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                    .map(java.time.Duration::toNanos).orElse(0L);
            return new long[] {nanos / 10_000_000, 0};
        }
    }

    /** Busy ticks of the whole machine (all CPUs) from /proc/stat; zero where there is none. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return new long[] {busy};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0};
        }
    }

    /** Linux reports /proc times in USER_HZ, 100 per second on every common platform. */
    private static double ticksToSeconds(long ticks) {
        return ticks / 100.0;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Process startMock(Path jar, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g"));
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
        HttpClient http = HttpClient.newHttpClient();
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
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + USERS + "?attributes=id&count=" + count))
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
