package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.http.HttpClientSetup;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects in a job's scope, as the source counts them: assignment-service's {@code GET
 * /api/v1/applications/{id}/assignedCounts} (users assigned directly or through a group, groups assigned; every user
 * and group of the directory for a job that syncs all and an application that publishes them). Known from the start
 * of a sync, unlike the events that are still to arrive. A count is reused for {@code scope-count-reuse}; unknown
 * (empty) when no URL is configured or assignment-service does not answer in time.
 */
@ApplicationScoped
public class SourceScope {

    private static final Logger LOG = Logger.getLogger(SourceScope.class);
    static final String SOURCE = "assignment-service GET /api/v1/applications/{id}/assignedCounts";

    private final ProgressSettings settings;
    private final AssignedCountsApi api;
    private final Map<String, Counted> latest = new ConcurrentHashMap<>();

    public SourceScope(ProgressSettings settings) {
        this.settings = settings;
        this.api = settings.directoryUrl().map(url -> HttpClientSetup.to(url)
                .connectTimeout(settings.directoryTimeout())
                .readTimeout(settings.directoryTimeout())
                .build(AssignedCountsApi.class)).orElse(null);
    }

    /** The objects in the job's scope, or empty when the source cannot tell now. */
    public Uni<Optional<ObjectsInScope>> of(JobDefinition job) {
        if (api == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Counted counted = latest.get(job.applicationId());
        if (counted != null && Instant.now().isBefore(counted.reuseUntil())) {
            return Uni.createFrom().item(Optional.of(inScope(job, counted.counts())));
        }
        return api.counts(job.applicationId(), settings.directoryApiKey().orElse(null))
                .ifNoItem().after(settings.directoryTimeout()).fail()
                .map(counts -> {
                    latest.put(job.applicationId(), new Counted(counts,
                            Instant.now().plus(settings.scopeCountReuse())));
                    return Optional.of(inScope(job, counts));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Job %s: assignment-service did not count the objects in scope (%s)", job.id(),
                            failure.getMessage());
                    return Optional.empty();
                });
    }

    private static ObjectsInScope inScope(JobDefinition job, SourceCounts counts) {
        boolean everyone = job.scope() == ProvisioningScope.ALL && counts.publishUnassigned();
        long users = everyone ? counts.directoryUsers() : counts.users();
        long groups = !job.groups().enabled() ? 0 : everyone ? counts.directoryGroups() : counts.groups();
        return new ObjectsInScope(users, groups, users + groups, SOURCE, counts.countedAt());
    }

    private record Counted(SourceCounts counts, Instant reuseUntil) {
    }

    /**
     * @param users users in scope (before the job's scoping filters)
     * @param groups groups in scope (0 when the job does not provision groups)
     * @param total users plus groups: the total of a sync
     * @param source where the figures come from
     * @param countedAt when the source counted them
     */
    public record ObjectsInScope(long users, long groups, long total, String source, Instant countedAt) {
    }
}
