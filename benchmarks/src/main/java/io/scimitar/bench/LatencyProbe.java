package io.scimitar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.demo.DemoDirectory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * End-to-end latency at a steady change rate: renames distinct provisioned users through assignment-service
 * ({@code PATCH /api/v1/users/{id}}, a new displayName, which the Miro profile maps), one every 1/rate seconds,
 * noting when each change was accepted (its 200 received); once the mock has taken every change, reads each user's
 * {@code meta.lastModified} from the mock's state export. Both processes share the machine's clock.
 */
final class LatencyProbe {

    private final Http directory;
    private final Http mockAdmin;
    private final LongSupplier mockUserWrites;

    LatencyProbe(Http directory, Http mockAdmin, LongSupplier mockUserWrites) {
        this.directory = directory;
        this.mockAdmin = mockAdmin;
        this.mockUserWrites = mockUserWrites;
    }

    /** One change: who, the new value, when it was sent and accepted (epoch ms), and its HTTP status. */
    private record Change(DemoDirectory.User user, String displayName, long sentAt, long acceptedAt, int status) {
    }

    /** Latencies in ms (change accepted -> applied by the mock), sorted; and what could not be measured. */
    record Result(int sent, int accepted, double sendSeconds, long[] acceptMillis, long[] latencies,
            long[] fromSent, int notApplied, double convergeSeconds) {

        long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /**
     * @param label part of every new displayName, so that two runs over the same users never set the same value
     */
    Result run(List<DemoDirectory.User> candidates, int rate, int seconds, String label) throws InterruptedException {
        int total = Math.min(rate * seconds, candidates.size());
        if (total < rate * seconds) {
            System.out.printf("  only %,d distinct provisioned users: %,d changes instead of %,d%n", total, total,
                    rate * seconds);
        }
        long writesBefore = mockUserWrites.getAsLong();
        List<CompletableFuture<Change>> changes = new ArrayList<>(total);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            DemoDirectory.User user = candidates.get(i);
            String displayName = user.givenName() + " " + user.surname() + " " + label + i;
            long sentAt = System.currentTimeMillis();
            changes.add(directory.patchAsync("/api/v1/users/" + user.id(), Map.of("displayName", displayName))
                    .handle((status, error) -> new Change(user, displayName, sentAt, System.currentTimeMillis(),
                            error == null ? status : -1)));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        List<Change> done = new ArrayList<>(total);
        for (CompletableFuture<Change> change : changes) {
            done.add(change.join());
        }
        List<Change> accepted = done.stream().filter(change -> change.status() == 200).toList();
        long lastAccepted = accepted.stream().mapToLong(Change::acceptedAt).max().orElse(System.currentTimeMillis());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (mockUserWrites.getAsLong() - writesBefore < accepted.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double convergeSeconds = (System.currentTimeMillis() - lastAccepted) / 1000.0;
        // streamed: only the changed users are kept, not every user of the export
        java.util.Set<String> changed = new java.util.HashSet<>();
        accepted.forEach(change -> changed.add(change.user().userPrincipalName().toLowerCase()));
        Map<String, JsonNode> miroUsers = new HashMap<>();
        MockStateReader.read(mockAdmin, user -> {
            String userName = user.path("userName").asText().toLowerCase();
            if (changed.contains(userName)) {
                miroUsers.put(userName, user);
            }
        }, team -> { });
        long[] latencies = new long[accepted.size()];
        long[] fromSent = new long[accepted.size()];
        int measured = 0;
        int notApplied = 0;
        for (Change change : accepted) {
            JsonNode user = miroUsers.get(change.user().userPrincipalName().toLowerCase());
            if (user == null || !change.displayName().equals(user.path("displayName").asText())) {
                notApplied++;
                continue;
            }
            long applied = Instant.parse(user.path("meta").path("lastModified").asText()).toEpochMilli();
            fromSent[measured] = applied - change.sentAt();
            latencies[measured++] = applied - change.acceptedAt();
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        long[] sortedFromSent = Arrays.copyOf(fromSent, measured);
        Arrays.sort(sortedFromSent);
        long[] acceptMillis = accepted.stream().mapToLong(change -> change.acceptedAt() - change.sentAt()).sorted()
                .toArray();
        return new Result(total, accepted.size(), sendSeconds, acceptMillis, sorted, sortedFromSent, notApplied,
                convergeSeconds);
    }
}
