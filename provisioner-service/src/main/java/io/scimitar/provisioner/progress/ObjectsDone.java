package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.progress.SourceScope.ObjectsInScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * How many of a job's objects in scope it has done ({@link JobStatisticsRepository#objectsDoneInScope}): a count over
 * the job's links, about 30 ms of PostgreSQL at 100,000 of them. Progress polled every second (a dashboard, each
 * viewer of the console's stream) would pay it at every poll. A count is reused for
 * {@link ProgressSettings#syncCountReuse()} only while it cannot decide anything: events are still behind, and it is
 * short of the total in scope. Once nothing is behind, or a count would say every object is done, it is read fresh,
 * so that a sync is told done as soon as it is, and never before.
 */
@ApplicationScoped
public class ObjectsDone {

    private final Function<UUID, Uni<Long>> reader;
    private final LongSupplier nanoTime;
    private final long reuseNanos;
    private final Map<UUID, Count> latest = new ConcurrentHashMap<>();

    @Inject
    public ObjectsDone(JobStatisticsRepository statistics, ProgressSettings settings) {
        this(statistics::objectsDoneInScope, System::nanoTime, settings.syncCountReuse());
    }

    /** Counts with {@code reader}, reusing a count for {@code reuse} by the clock {@code nanoTime}. */
    ObjectsDone(Function<UUID, Uni<Long>> reader, LongSupplier nanoTime, Duration reuse) {
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.reuseNanos = reuse.toNanos();
    }

    /** The job's objects done, given whether events are behind and the source's total (unknown when empty). */
    public Uni<Long> of(UUID jobId, boolean eventsBehind, Optional<ObjectsInScope> inScope) {
        long now = nanoTime.getAsLong();
        Count last = latest.get(jobId);
        if (last != null && now - last.at() < reuseNanos && eventsBehind
                && inScope.map(scope -> last.done() < scope.total()).orElse(false)) {
            return Uni.createFrom().item(last.done());
        }
        return reader.apply(jobId).invoke(done -> {
            latest.values().removeIf(count -> now - count.at() >= reuseNanos); // e.g. of deleted jobs
            latest.put(jobId, new Count(done, now));
        });
    }

    private record Count(long done, long at) {
    }
}
