package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.consumer.JobProgress.ObjectCounts;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.progress.ProgressSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts a job's active users and groups and its waiting changes for the progress API. Counting the active users
 * reads every link of the job, which on a large job costs PostgreSQL real work while it is busiest (a sync), and
 * progress is polled, often by several watchers at once. So a count is reused for a while: at least
 * {@link #MIN_REUSE} ({@link ProgressSettings#syncCountReuse()} while events are behind, as in a sync), and twenty
 * times as long as the count took, which keeps watching a job to at most about 5% of one database core however large
 * it is or however often it is polled. Each count says when it was taken.
 */
@ApplicationScoped
public class ObjectCounter {

    static final Duration MIN_REUSE = Duration.ofSeconds(1);
    private static final int REUSE_PER_COUNTING_TIME = 20;

    private final LinkRepository links;
    private final EscrowKeeper escrow;
    private final LongSupplier nanoClock;
    private final long whileBehindNanos;
    private final Map<UUID, Counted> latest = new ConcurrentHashMap<>();

    @Inject
    public ObjectCounter(LinkRepository links, EscrowKeeper escrow, ProgressSettings settings) {
        this(links, escrow, System::nanoTime, settings.syncCountReuse());
    }

    ObjectCounter(LinkRepository links, EscrowKeeper escrow, LongSupplier nanoClock, Duration whileBehind) {
        this.links = links;
        this.escrow = escrow;
        this.nanoClock = nanoClock;
        this.whileBehindNanos = whileBehind.toNanos();
    }

    /**
     * The job's counts, at most a second or so old (longer while {@code eventsBehind}, and on a job so large that
     * counting it is slow).
     */
    public Uni<ObjectCounts> current(UUID jobId, boolean eventsBehind) {
        Counted counted = latest.get(jobId);
        long started = nanoClock.getAsLong();
        if (counted != null && started - counted.countedAt() < Math.max(counted.took() * REUSE_PER_COUNTING_TIME,
                eventsBehind ? whileBehindNanos : MIN_REUSE.toNanos())) {
            return Uni.createFrom().item(counted.counts());
        }
        Instant countedAt = Instant.now();
        return links.countActive(jobId, ObjectType.USER)
                .chain(users -> links.countActive(jobId, ObjectType.GROUP)
                        .chain(groups -> escrow.count(jobId)
                                .chain(escrowed -> escrow.countStaged(jobId)
                                        .map(staged -> new ObjectCounts(users, groups, escrowed, staged, countedAt)))))
                .invoke(counts -> {
                    long finished = nanoClock.getAsLong();
                    latest.put(jobId, new Counted(counts, finished, finished - started));
                });
    }

    /** Counts the job again at the next call (its links or escrow were just changed wholesale, or it was deleted). */
    public void forget(UUID jobId) {
        latest.remove(jobId);
    }

    private record Counted(ObjectCounts counts, long countedAt, long took) {
    }
}
