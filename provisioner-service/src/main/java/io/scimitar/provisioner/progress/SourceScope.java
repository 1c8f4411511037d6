package io.scimitar.provisioner.progress;

import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.http.HttpClientSetup;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects in a job's scope, as the source counts them: assignment-service's {@code GET
 * /api/v1/applications/{id}/assignedCounts} (users assigned directly or through a group, groups assigned; every user
 * and group of the directory for a job that syncs all and an application that publishes them). Known from the start
 * of a sync, unlike the events that are still to arrive. Unknown (empty) when no URL is configured or assignment-service
 * does not answer in time.
 * <p>
 * A count reads every assignment and group membership of the application (0.17 s of the database at 100,000 users),
 * and progress is asked for as often as anyone watches it. So a count is reused for {@code scope-count-reuse}, or for
 * {@value #REUSE_PER_COUNT_TIME} times as long as it took when that is longer: a count of a million users that takes
 * 2 s is reused for 200 s, and counting keeps assignment-service and its database busy about 1 % of the time at most.
 */
@ApplicationScoped
public class SourceScope {

    private static final Logger LOG = Logger.getLogger(SourceScope.class);
    static final String SOURCE = "assignment-service GET /api/v1/applications/{id}/assignedCounts";
    /** How many times its own duration a count is reused at least. */
    static final int REUSE_PER_COUNT_TIME = 100;

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
        return Uni.createFrom().deferred(() -> count(job))
                .map(counts -> Optional.of(inScope(job, counts)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Job %s: assignment-service did not count the objects in scope (%s)", job.id(),
                            failure.getMessage());
                    return Optional.empty();
                });
    }

    /** Asks assignment-service to count, and keeps the count for as long as {@link #reuse} says. */
    private Uni<SourceCounts> count(JobDefinition job) {
        long asked = System.nanoTime();
        return api.counts(job.applicationId(), settings.directoryApiKey().orElse(null))
                .ifNoItem().after(settings.directoryTimeout()).fail()
                .invoke(counts -> latest.put(job.applicationId(), new Counted(counts,
                        Instant.now().plus(reuse(Duration.ofNanos(System.nanoTime() - asked))))));
    }

    /** How long a count that took {@code took} is reused. */
    private Duration reuse(Duration took) {
        Duration proportional = took.multipliedBy(REUSE_PER_COUNT_TIME);
        return proportional.compareTo(settings.scopeCountReuse()) > 0 ? proportional : settings.scopeCountReuse();
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
