package io.scimitar.provisioner.console;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.error.QueryNumbers;
import io.scimitar.provisioner.pipeline.JobLookup;
import io.scimitar.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A job's historical rate from its provisioning log: objects processed per minute, by action, over a past window
 * (the console's rate chart); read from the log's rows, so it survives restarts and needs no polling.
 */
@Path("/api/v1/jobs/{id}/activity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provisioning logs")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class ActivityResource {

    /** The longest window: a week. */
    static final long MAX_MINUTES = 7 * 24 * 60;
    /** Most buckets one answer holds; a longer window gets wider buckets. */
    static final long MAX_BUCKETS = 120;

    private final JobLookup jobs;
    private final ActivityRepository activity;

    public ActivityResource(JobLookup jobs, ActivityRepository activity) {
        this.jobs = jobs;
        this.activity = activity;
    }

    /**
     * @param from the window's start (a bucket boundary)
     * @param to the window's end (now)
     * @param bucketSeconds the width of each bucket (60 up to two hours, wider beyond)
     * @param total the log entries in the window
     * @param buckets every bucket of the window, oldest first, empty ones included
     */
    public record Activity(Instant from, Instant to, long bucketSeconds, long total, List<Bucket> buckets) {
    }

    /**
     * @param start the bucket's start
     * @param entries the log entries (objects processed) in the bucket
     * @param perMinute entries per minute over the bucket
     * @param byAction entries by action (CREATE, UPDATE, DISABLE, DELETE, STAGED_DELETE, OTHER)
     */
    public record Bucket(Instant start, long entries, double perMinute, Map<String, Long> byAction) {
    }

    @GET
    @Operation(summary = "Objects processed per minute by action over the last `minutes` (default 60, at most a week), "
            + "counted from the provisioning log; at most 120 buckets (one minute each up to two hours)")
    public Uni<Activity> activity(@RestPath UUID id, @QueryParam("minutes") String minutes) {
        List<FieldError> errors = new ArrayList<>();
        Long window = QueryNumbers.parse("minutes", minutes, 1, MAX_MINUTES, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        long windowMinutes = window == null ? 60 : window;
        long bucketSeconds = 60 * Math.max(1, (windowMinutes + MAX_BUCKETS - 1) / MAX_BUCKETS);
        Instant to = Instant.now();
        long firstBucket = Math.floorDiv(to.getEpochSecond() - windowMinutes * 60, bucketSeconds) * bucketSeconds;
        Instant from = Instant.ofEpochSecond(firstBucket);
        return jobs.requireExists(id)
                .chain(() -> activity.count(id, from, to, bucketSeconds))
                .map(counts -> buckets(from, to, bucketSeconds, counts));
    }

    private static Activity buckets(Instant from, Instant to, long bucketSeconds,
            List<ActivityRepository.Count> counts) {
        Map<Long, Map<String, Long>> byBucket = new TreeMap<>();
        for (long start = from.getEpochSecond(); start < to.getEpochSecond(); start += bucketSeconds) {
            byBucket.put(start, new TreeMap<>());
        }
        for (ActivityRepository.Count count : counts) {
            byBucket.computeIfAbsent(count.bucketStart().getEpochSecond(), start -> new TreeMap<>())
                    .merge(count.action(), count.entries(), Long::sum);
        }
        List<Bucket> buckets = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Long, Map<String, Long>> bucket : byBucket.entrySet()) {
            long entries = bucket.getValue().values().stream().mapToLong(Long::longValue).sum();
            total += entries;
            buckets.add(new Bucket(Instant.ofEpochSecond(bucket.getKey()), entries,
                    entries * 60.0 / bucketSeconds, bucket.getValue()));
        }
        return new Activity(from, to, bucketSeconds, total, buckets);
    }
}
