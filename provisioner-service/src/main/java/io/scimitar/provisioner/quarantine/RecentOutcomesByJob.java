package io.scimitar.provisioner.quarantine;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Each job's {@link RecentOutcomes}, kept across its pauses, resumes and restarts for as long as the service runs. */
@ApplicationScoped
public class RecentOutcomesByJob {

    private final QuarantineSettings settings;
    private final Map<UUID, RecentOutcomes> outcomes = new ConcurrentHashMap<>();

    public RecentOutcomesByJob(QuarantineSettings settings) {
        this.settings = settings;
    }

    public RecentOutcomes of(UUID jobId) {
        return outcomes.computeIfAbsent(jobId,
                id -> new RecentOutcomes(settings.recentChanges(), settings.minimumChanges()));
    }

    public void forget(UUID jobId) {
        outcomes.remove(jobId);
    }
}
