package io.scimitar.provisioner.quarantine;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each job's {@link RecentOutcomes}, kept across its pauses, resumes and restarts while the service runs, and taken
 * back from the database ({@link RecentOutcomesRepository}) the first time the job starts in a new process.
 */
@ApplicationScoped
public class RecentOutcomesByJob {

    private final QuarantineSettings settings;
    private final RecentOutcomesRepository repository;
    private final Map<UUID, RecentOutcomes> outcomes = new ConcurrentHashMap<>();
    private final Set<UUID> loaded = ConcurrentHashMap.newKeySet();

    public RecentOutcomesByJob(QuarantineSettings settings, RecentOutcomesRepository repository) {
        this.settings = settings;
        this.repository = repository;
    }

    public RecentOutcomes of(UUID jobId) {
        return outcomes.computeIfAbsent(jobId,
                id -> new RecentOutcomes(settings.recentChanges(), settings.minimumChanges()));
    }

    /** Before the job reads anything: its window as stored, unless this process has it already. */
    public Uni<RecentOutcomes> load(UUID jobId) {
        RecentOutcomes recent = of(jobId);
        if (loaded.contains(jobId)) {
            return Uni.createFrom().item(recent);
        }
        return repository.newest(jobId, recent.capacity()).map(stored -> {
            if (loaded.add(jobId)) {
                recent.restore(stored);
            }
            return recent;
        });
    }

    /**
     * The job's window as stored by every instance running it: the newest {@code recent-changes} changes of all of
     * them, by sequence (each instance numbers its next changes after the newest stored it saw here, so the
     * instances' numbers advance together, roughly in time order).
     */
    public Uni<RecentOutcomes.Tally> acrossInstances(UUID jobId) {
        RecentOutcomes recent = of(jobId);
        return repository.newest(jobId, recent.capacity()).map(stored -> {
            if (!stored.isEmpty()) {
                recent.numberAfter(stored.get(stored.size() - 1).sequence());
            }
            return recent.tally(stored.size(), (int) stored.stream().filter(RecentOutcomes.Stored::failed).count());
        });
    }

    /** Empties the job's window, here and as stored. */
    public Uni<Void> clear(UUID jobId) {
        of(jobId).clear();
        return repository.clear(jobId);
    }

    /** The job is deleted (its stored window goes with it). */
    public void forget(UUID jobId) {
        outcomes.remove(jobId);
        loaded.remove(jobId);
    }
}
