package io.scimitar.provisioner.targetindex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a job's target once when the job starts: every user (and group, where the job provisions groups) in pages
 * of {@code startIndex}/{@code count}, through the job's SCIM client and so within its rate limits, into the target
 * index, with the normalised values of the job's matching attributes; the next page is asked for as soon as a page
 * is answered, so that it comes while that one is indexed and stored. Runs on the job's thread before it consumes; a
 * read that fails leaves the job matching by filter queries until its next start. A target that fails the very first
 * page is not waited for: the job goes on at once and its own changes meet the failure (escrow, quarantine), and the
 * groups are not read from a target whose users could not be; only a read under way asks for a page again.
 */
@ApplicationScoped
public class TargetIndexReader {

    private static final Logger LOG = Logger.getLogger(TargetIndexReader.class);

    private final TargetIndexRepository repository;
    private final TargetIndexes indexes;
    private final TargetIndexSettings settings;

    public TargetIndexReader(TargetIndexRepository repository, TargetIndexes indexes, TargetIndexSettings settings) {
        this.repository = repository;
        this.indexes = indexes;
        this.settings = settings;
    }

    /**
     * Prepares the index of each object type the job provisions; blocks until read (or given up). {@code running}
     * turns false when the job is stopped meanwhile: the read ends after the page in progress.
     */
    public void readAtStart(JobDefinition job, ScimClient client, IndexRefresh refresh, BooleanSupplier running) {
        indexes.forget(job.id());
        prepareOrFallBack(job, client, ObjectType.USER, job.userMappings(), refresh, running);
        if (!job.groups().enabled()) {
            return;
        }
        boolean usersUnreadable = indexes.view(job.id(), ObjectType.USER)
                .map(view -> view.status() == IndexStatus.FAILED).orElse(false);
        if (usersUnreadable) {
            indexes.set(job.id(), ObjectType.GROUP, new IndexView(IndexStatus.FAILED, null, List.of(), 0,
                    Instant.now(), "the target's users could not be read"));
            LOG.warnf("Job %s: the target's groups are not read either; they are matched by filter queries", job.id());
            return;
        }
        prepareOrFallBack(job, client, ObjectType.GROUP, job.groupMappings(), refresh, running);
    }

    private void prepareOrFallBack(JobDefinition job, ScimClient client, ObjectType type,
            CompiledMappingSet mappings, IndexRefresh refresh, BooleanSupplier running) {
        try {
            prepare(job, client, type, mappings, refresh, running);
        } catch (RuntimeException e) {
            indexes.set(job.id(), type, new IndexView(IndexStatus.FAILED, null, List.of(), 0, Instant.now(),
                    e.getMessage()));
            LOG.warnf("Job %s: the target index of its %s is not usable (%s); they are matched by filter queries",
                    job.id(), plural(type), e.getMessage());
        }
    }

    private void prepare(JobDefinition job, ScimClient client, ObjectType type, CompiledMappingSet mappings,
            IndexRefresh refresh, BooleanSupplier running) {
        List<IndexedAttribute> attributes = IndexedAttribute.matching(mappings.matchingAttributes());
        List<String> targets = attributes.stream().map(IndexedAttribute::target).toList();
        if (!settings.enabled() || attributes.isEmpty()) {
            indexes.set(job.id(), type, new IndexView(IndexStatus.NOT_USED, null, List.of(), 0, Instant.now(),
                    settings.enabled() ? "no matching attribute can be evaluated locally" : "turned off"));
            return;
        }
        if (refresh == IndexRefresh.IF_MISSING) {
            Optional<IndexView> stored = repository.latestComplete(job.id(), type).await().indefinitely();
            if (stored.isPresent() && stored.get().attributes().equals(targets)) {
                indexes.set(job.id(), type, stored.get());
                LOG.infof("Job %s: matching %s against the %d target %s read at %s", job.id(), plural(type),
                        stored.get().objects(), plural(type), stored.get().since());
                return;
            }
        }
        read(job, client, type, attributes, targets, running, view -> indexes.set(job.id(), type, view), true);
    }

    /**
     * Reads the target's users into the index as a starting job does, for a take-over preview of a job that may not
     * run: {@code status} follows the read, this instance's matching never trusts it, and it leaves any other read
     * of the job in place (a running job's, elsewhere); the job's next read replaces it. Blocks; answers the read's
     * last view, {@code COMPLETE} or {@code FAILED}.
     */
    public IndexView readUsersForPreview(JobDefinition job, ScimClient client, Consumer<IndexView> status) {
        List<IndexedAttribute> attributes = IndexedAttribute.matching(job.userMappings().matchingAttributes());
        List<String> targets = attributes.stream().map(IndexedAttribute::target).toList();
        IndexView[] last = {null};
        read(job, client, ObjectType.USER, attributes, targets, () -> true, view -> {
            last[0] = view;
            status.accept(view);
        }, false);
        return last[0];
    }

    private void read(JobDefinition job, ScimClient client, ObjectType type, List<IndexedAttribute> attributes,
            List<String> targets, BooleanSupplier running, Consumer<IndexView> status, boolean replacing) {
        UUID readId = UUID.randomUUID();
        Instant started = Instant.now();
        status.accept(new IndexView(IndexStatus.READING, readId, targets, 0, started, null));
        int pageSize = job.profile() == ConnectorProfile.MIRO ? settings.miroPageSize() : settings.genericPageSize();
        LOG.infof("Job %s: reading the target's %s in pages of %d to match them locally (%s)", job.id(),
                plural(type), pageSize, String.join(", ", targets));
        int found = 0;
        int pages = 0;
        try {
            repository.begin(readId, job.id(), type, targets).await().indefinitely();
            int startIndex = 1;
            CompletableFuture<ScimResult> asked = ask(client, type, startIndex, pageSize);
            while (asked != null) {
                if (!running.getAsBoolean()) {
                    throw new IllegalStateException("the job stopped during the read");
                }
                ScimResult.Success page = page(client, type, startIndex, pageSize, asked);
                pages++;
                List<JsonNode> resources = ScimClient.resources(page);
                startIndex += resources.size();
                JsonNode total = page.body().get("totalResults");
                boolean last = resources.isEmpty()
                        || (total != null && total.canConvertToInt() && startIndex > total.asInt());
                // the next page is on its way while this one is indexed and stored
                asked = last ? null : ask(client, type, startIndex, pageSize);
                List<IndexedObject> objects = new ArrayList<>();
                for (JsonNode resource : resources) {
                    indexed(resource, attributes).ifPresent(objects::add);
                }
                repository.insert(readId, objects).await().indefinitely();
                found += objects.size();
                // how far the read is, for the job's progress; matching trusts only a complete read
                status.accept(new IndexView(IndexStatus.READING, readId, targets, found, started, null));
            }
            repository.complete(readId, job.id(), type, found, replacing).await().indefinitely();
            Duration took = Duration.between(started, Instant.now());
            status.accept(new IndexView(IndexStatus.COMPLETE, readId, targets, found, Instant.now(), null));
            LOG.infof("Job %s: read %d target %s in %d page(s) (%d ms); unlinked %s are matched locally on %s",
                    job.id(), found, plural(type), pages, took.toMillis(), plural(type), String.join(", ", targets));
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            status.accept(new IndexView(IndexStatus.FAILED, null, List.of(), 0, Instant.now(), reason));
            if (replacing) {
                LOG.warnf("Job %s: reading the target's %s failed after %d page(s) (%s); until the job's next "
                        + "start, unlinked %s are matched by one filter query each", job.id(), plural(type), pages,
                        reason, plural(type));
            } else {
                LOG.warnf("Job %s: reading the target's %s for a take-over preview failed after %d page(s) (%s)",
                        job.id(), plural(type), pages, reason);
            }
            try {
                repository.drop(readId).await().indefinitely();
            } catch (RuntimeException ignored) {
                // the rows of an unfinished read are never used; the next complete read removes them
            }
        }
    }

    /** Asks for the page at {@code startIndex} without waiting for the answer. */
    private static CompletableFuture<ScimResult> ask(ScimClient client, ObjectType type, int startIndex, int count) {
        return client.page(type.scimResourceType(), startIndex, count).subscribeAsCompletionStage();
    }

    /** The page at {@code startIndex}: the answer to {@code asked}, asked for again while it fails transiently. */
    private ScimResult.Success page(ScimClient client, ObjectType type, int startIndex, int count,
            CompletableFuture<ScimResult> asked) {
        Duration wait = settings.pageRetryBackoff();
        for (int attempt = 1; ; attempt++) {
            ScimResult result = answer(attempt == 1 ? asked : ask(client, type, startIndex, count));
            if (result instanceof ScimResult.Success success) {
                return success;
            }
            ScimResult.Failure failure = (ScimResult.Failure) result;
            boolean transientFailure = failure.kind() == ScimResult.FailureKind.TRANSIENT
                    || failure.kind() == ScimResult.FailureKind.THROTTLED;
            // a target that fails the first page is not waited for (the job's changes meet the failure themselves)
            if (!transientFailure || attempt >= settings.pageAttempts()
                    || startIndex == 1 && failure.kind() == ScimResult.FailureKind.TRANSIENT) {
                throw new IllegalStateException("the page at " + startIndex + " failed: " + failure);
            }
            sleep(failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0
                    ? failure.retryAfter() : wait);
            wait = wait.multipliedBy(2);
        }
    }

    private static ScimResult answer(CompletableFuture<ScimResult> asked) {
        try {
            return asked.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Optional<IndexedObject> indexed(JsonNode resource, List<IndexedAttribute> attributes) {
        JsonNode id = resource.get("id");
        if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (IndexedAttribute attribute : attributes) {
            Set<String> found = attribute.values(resource);
            if (!found.isEmpty()) {
                values.put(attribute.target(), found);
            }
        }
        JsonNode stored = resource;
        if (resource instanceof ObjectNode object && (object.has("groups") || object.has("meta"))) {
            stored = object.deepCopy().without(List.of("groups", "meta"));
        }
        return Optional.of(new IndexedObject(id.asText(), stored.toString(), values));
    }

    private static String plural(ObjectType type) {
        return type == ObjectType.USER ? "users" : "groups";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read a page again");
        }
    }
}
