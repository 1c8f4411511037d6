package io.scimitar.provisioner.targetindex;

import io.scimitar.provisioner.link.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Where each running job's target index stands in this instance, per object type: what matching may trust. */
@ApplicationScoped
public class TargetIndexes {

    private record Key(UUID jobId, ObjectType type) {
    }

    private final Map<Key, IndexView> views = new ConcurrentHashMap<>();

    public Optional<IndexView> view(UUID jobId, ObjectType type) {
        return Optional.ofNullable(views.get(new Key(jobId, type)));
    }

    /** Where the job's index of each object type stands in this instance, for the job's progress. */
    public TargetIndexProgress progress(UUID jobId) {
        return new TargetIndexProgress(view(jobId, ObjectType.USER).map(TargetIndexProgress.ObjectIndex::of)
                .orElse(null), view(jobId, ObjectType.GROUP).map(TargetIndexProgress.ObjectIndex::of).orElse(null));
    }

    void set(UUID jobId, ObjectType type, IndexView view) {
        views.put(new Key(jobId, type), view);
    }

    /** The job stopped: what it read may go stale, so nothing trusts it until the job reads again. */
    public void forget(UUID jobId) {
        views.keySet().removeIf(key -> key.jobId().equals(jobId));
    }
}
