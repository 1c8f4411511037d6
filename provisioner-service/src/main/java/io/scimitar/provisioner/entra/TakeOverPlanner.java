package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.job.JobService;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.replay.DryRunPlanner;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimClientFactory;
import io.scimitar.provisioner.targetindex.IndexStatus;
import io.scimitar.provisioner.targetindex.IndexView;
import io.scimitar.provisioner.targetindex.IndexedAttribute;
import io.scimitar.provisioner.targetindex.TargetIndexReader;
import io.scimitar.provisioner.targetindex.TargetIndexRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Previews a take-over: the job's dry run (which calls no target and so plans every unlinked user as a create) over
 * every user in scope, each planned create matched against the job's target index (the target's users as the job
 * reads them, {@code targetindex}) by the job's matching attributes in precedence order, as the job's own matching
 * will. Without a complete index of the job's current matching attributes it reads one in the background, as a
 * starting job does, and answers {@code READING_TARGET} meanwhile; one read by the job under way is waited for, never
 * doubled.
 */
@ApplicationScoped
public class TakeOverPlanner {

    private static final Logger LOG = Logger.getLogger(TakeOverPlanner.class);

    private final JobService jobs;
    private final DryRunPlanner planner;
    private final ScimClientFactory clients;
    private final TargetIndexRepository index;
    private final TargetIndexReader reader;
    private final ObjectMapper json;
    /** The reads this instance started for a preview, as they stand, until complete (a failure until reported). */
    private final Map<UUID, IndexView> previewReads = new ConcurrentHashMap<>();

    public TakeOverPlanner(JobService jobs, DryRunPlanner planner, ScimClientFactory clients,
            TargetIndexRepository index, TargetIndexReader reader, ObjectMapper json) {
        this.jobs = jobs;
        this.planner = planner;
        this.clients = clients;
        this.index = index;
        this.reader = reader;
        this.json = json;
    }

    public Uni<TakeOverPreview> preview(UUID id) {
        return jobs.definition(id).chain(job -> {
            List<IndexedAttribute> matching = IndexedAttribute.matching(job.userMappings().matchingAttributes());
            if (matching.isEmpty()) {
                return Uni.createFrom().item(TakeOverPreview.notCounted(TakeOverStatus.NO_INDEXABLE_MATCHING, 0,
                        "none of the job's user matching attributes can be compared locally"));
            }
            List<String> targets = matching.stream().map(IndexedAttribute::target).toList();
            return index.latestComplete(job.id(), ObjectType.USER).chain(stored -> {
                if (stored.isPresent() && stored.get().attributes().equals(targets)) {
                    return count(job, matching, stored.get());
                }
                return index.reading(job.id(), ObjectType.USER).map(reading -> reading
                        .map(view -> TakeOverPreview.notCounted(TakeOverStatus.READING_TARGET, view.objects(),
                                "the target's users are being read into the job's target index since "
                                        + view.since() + "; ask again when it is complete"))
                        .orElseGet(() -> readForPreview(job, targets)));
            });
        });
    }

    private Uni<TakeOverPreview> count(JobDefinition job, List<IndexedAttribute> matching, IndexView view) {
        TakeOverTally tally = new TakeOverTally(index, json, view, matching);
        return planner.plan(job, null, false, tally::add)
                .chain(report -> Uni.createFrom().item(() -> tally.finish(report.counts()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** Starts reading the target's users for the preview unless this instance is at it; answers how it stands. */
    private TakeOverPreview readForPreview(JobDefinition job, List<String> targets) {
        IndexView started = new IndexView(IndexStatus.READING, null, targets, 0, Instant.now(), null);
        IndexView current = previewReads.putIfAbsent(job.id(), started);
        if (current != null && current.status() == IndexStatus.FAILED) {
            previewReads.remove(job.id(), current);
            return TakeOverPreview.notCounted(TakeOverStatus.TARGET_NOT_READABLE, 0,
                    "reading the target's users failed: " + current.detail() + "; asking again reads again");
        }
        if (current == null) {
            ScimClient client = clients.forJob(job.id(), job.tenantUrl(), job.secretToken(), job.rateLimits());
            Infrastructure.getDefaultWorkerPool().execute(() -> read(job, client));
            current = started;
        }
        return TakeOverPreview.notCounted(TakeOverStatus.READING_TARGET, current.objects(),
                "the target's users are being read into the job's target index for this preview; ask again when "
                        + "it is complete");
    }

    private void read(JobDefinition job, ScimClient client) {
        try {
            IndexView last = reader.readUsersForPreview(job, client, view -> previewReads.put(job.id(), view));
            if (last != null && last.status() == IndexStatus.COMPLETE) {
                previewReads.remove(job.id());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: reading the target's users for a take-over preview failed (%s)", job.id(),
                    e.getMessage());
            previewReads.put(job.id(), new IndexView(IndexStatus.FAILED, null, List.of(), 0, Instant.now(),
                    Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())));
        }
    }
}
