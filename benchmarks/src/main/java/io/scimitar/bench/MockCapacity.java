package io.scimitar.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The running mock's raw capacity for the request mix the provisioner sent during the initial sync: the same
 * endpoint classes in the same proportions, sent as fast as the mock answers them by {@link NioLoadGenerator} (64
 * keep-alive connections), a warm-up round then three measured rounds; the median round is the capacity.
 */
final class MockCapacity {

    private static final String SCIM = "/api/v1/scim";
    private static final int CONNECTIONS = 64;
    private static final int ROUNDS = 3;

    private final int port;
    private final String token;
    private final List<String> userIds;
    private final List<String> teamIds;
    private int next;

    /**
     * @param userIds Miro ids of users that exist (for GET, PATCH and team membership requests)
     * @param teamIds Miro ids of teams that exist
     */
    MockCapacity(int port, String token, List<String> userIds, List<String> teamIds) {
        this.port = port;
        this.token = token;
        this.userIds = userIds;
        this.teamIds = teamIds;
    }

    /** The measured capacity: requests per second of the median round, and what was sent. */
    record Result(double perSecond, long ok, long failed, long sentWithWarmUp, Map<String, Long> replayed,
            Map<String, Long> notReplayed, List<Double> rounds) {
    }

    /**
     * The requests per round, at most {@code requested}, whose creates (the warm-up's and every round's) still fit in
     * the {@code room} for users the mock has left (its {@code maxUsers} less the users it holds): past it the mock
     * answers 507 at once, and a round of refusals would measure how fast it refuses, not how fast it works.
     */
    static int roundSizeWithin(Map<String, Long> mix, int requested, long room) {
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        long creates = mix.getOrDefault("USERS_CREATE", 0L);
        if (creates == 0 || total == 0) {
            return requested;
        }
        double createsPerRequest = (double) creates / total;
        long fitting = (long) (Math.max(0, room) / (createsPerRequest * (ROUNDS + 1)));
        return (int) Math.max(1, Math.min(requested, fitting));
    }

    /** Replays {@code mix} (endpoint class -> requests during the sync); classes it cannot build are left out. */
    Result measure(Map<String, Long> mix, int requestsPerRound) throws IOException {
        Map<String, Long> replayed = new LinkedHashMap<>();
        Map<String, Long> notReplayed = new LinkedHashMap<>();
        mix.forEach((endpoint, count) -> (canBuild(endpoint) ? replayed : notReplayed).put(endpoint, count));
        if (replayed.isEmpty()) {
            throw new IllegalStateException("Nothing to replay in " + mix);
        }
        String[] pattern = pattern(replayed, 1000);
        IntFunction<byte[]> request = i -> build(pattern[i % pattern.length]);
        List<Double> rates = new ArrayList<>();
        long ok = 0;
        long failed = 0;
        long sent = 0;
        try (NioLoadGenerator load = new NioLoadGenerator(new InetSocketAddress("127.0.0.1", port), CONNECTIONS)) {
            NioLoadGenerator.Outcome warmUp = load.run(requestsPerRound, deadline(), request);
            sent += warmUp.ok() + warmUp.failed();
            for (int round = 0; round < ROUNDS; round++) {
                NioLoadGenerator.Outcome outcome = load.run(requestsPerRound, deadline(), request);
                rates.add((outcome.ok() + outcome.failed()) / (outcome.nanos() / 1e9));
                ok += outcome.ok();
                failed += outcome.failed();
            }
            sent += ok + failed;
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(sorted[sorted.length / 2], ok, failed, sent, replayed, notReplayed, rates);
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    }

    private static boolean canBuild(String endpoint) {
        return switch (endpoint) {
            case "USERS_LIST", "USERS_GET", "USERS_CREATE", "USERS_PATCH", "GROUPS_LIST", "GROUPS_GET",
                 "GROUPS_PATCH" -> true;
            default -> false;
        };
    }

    /** {@code size} endpoint classes in the mix's proportions (largest remainder), in a fixed shuffled order. */
    static String[] pattern(Map<String, Long> mix, int size) {
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        List<String> slots = new ArrayList<>();
        Map<String, Double> remainders = new LinkedHashMap<>();
        mix.forEach((endpoint, count) -> {
            double exact = (double) count * size / total;
            for (int i = 0; i < (int) exact; i++) {
                slots.add(endpoint);
            }
            remainders.put(endpoint, exact - (int) exact);
        });
        remainders.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(Math.max(0, size - slots.size())).forEach(entry -> slots.add(entry.getKey()));
        String[] pattern = slots.toArray(String[]::new);
        Random random = new Random(7);
        for (int i = pattern.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = pattern[i];
            pattern[i] = pattern[j];
            pattern[j] = swap;
        }
        return pattern;
    }

    private byte[] build(String endpoint) {
        int n = next++;
        String user = userIds.get(n % userIds.size());
        String team = teamIds.isEmpty() ? "none" : teamIds.get(n % teamIds.size());
        return switch (endpoint) {
            case "USERS_LIST" -> request("GET", SCIM + "/Users?filter=" + encode("userName eq \"raw-" + n
                    + "@raw.bench.test\""), null);
            case "USERS_GET" -> request("GET", SCIM + "/Users/" + user, null);
            case "USERS_CREATE" -> request("POST", SCIM + "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:"
                    + "core:2.0:User\"],\"userName\":\"raw-" + n + "-" + System.nanoTime() + "@raw.bench.test\","
                    + "\"displayName\":\"Raw User " + n + "\",\"active\":true,\"name\":{\"givenName\":\"Raw\","
                    + "\"familyName\":\"User " + n + "\"}}");
            case "USERS_PATCH" -> request("PATCH", SCIM + "/Users/" + user, "{\"schemas\":[\"urn:ietf:params:scim:"
                    + "api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"title\",\"value\":"
                    + "\"Raw " + n + "\"}]}");
            case "GROUPS_LIST" -> request("GET", SCIM + "/Groups?excludedAttributes=members&filter="
                    + encode("displayName eq \"Raw Team " + n + "\""), null);
            case "GROUPS_GET" -> request("GET", SCIM + "/Groups/" + team + "?excludedAttributes=members", null);
            case "GROUPS_PATCH" -> request("PATCH", SCIM + "/Groups/" + team, "{\"schemas\":[\"urn:ietf:params:"
                    + "scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Add\",\"path\":\"members\","
                    + "\"value\":[{\"value\":\"" + user + "\"}]}]}");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private byte[] request(String method, String path, String json) {
        return scimRequest(port, token, method, path, json);
    }

    /** The bytes of one SCIM request to the mock on {@code port}, with a JSON body or none. */
    static byte[] scimRequest(int port, String token, String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nAccept: application/scim+json\r\n"
                + (json == null ? "" : "Content-Type: application/scim+json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
