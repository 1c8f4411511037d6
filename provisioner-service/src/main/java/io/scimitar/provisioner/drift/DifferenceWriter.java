package io.scimitar.provisioner.drift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Streams a reconciliation's differences into its report as they are found, in batched inserts, and counts them per
 * kind (orphans also per object type); beyond {@code maxStored} they are counted, not stored. Not thread-safe: one
 * reconciliation's thread writes.
 */
final class DifferenceWriter implements Consumer<Difference> {

    private final ReconciliationRepository repository;
    private final UUID reconciliationId;
    private final int batchSize;
    private final int maxStored;
    private final List<Difference> batch = new ArrayList<>();
    private final Map<DriftKind, Integer> found = new EnumMap<>(DriftKind.class);
    private final Map<String, Integer> orphansByType = new HashMap<>();
    private int stored;

    DifferenceWriter(ReconciliationRepository repository, UUID reconciliationId, int batchSize, int maxStored) {
        this.repository = repository;
        this.reconciliationId = reconciliationId;
        this.batchSize = batchSize;
        this.maxStored = maxStored;
    }

    @Override
    public void accept(Difference difference) {
        found.merge(difference.kind(), 1, Integer::sum);
        if (difference.kind() == DriftKind.ORPHAN) {
            orphansByType.merge(difference.objectType(), 1, Integer::sum);
        }
        if (stored + batch.size() < maxStored) {
            batch.add(difference);
            if (batch.size() >= batchSize) {
                flush();
            }
        }
    }

    /** Stores what is still buffered. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        repository.insertDifferences(reconciliationId, stored, batch).await().indefinitely();
        stored += batch.size();
        batch.clear();
    }

    /** Differences found per kind (stored or not). */
    Map<DriftKind, Integer> found() {
        return found;
    }

    /** Orphans found of {@code objectType} ("User", "Group"). */
    int orphans(String objectType) {
        return orphansByType.getOrDefault(objectType, 0);
    }

    /** Differences stored (flushed). */
    int stored() {
        return stored;
    }

    int total() {
        return found.values().stream().mapToInt(Integer::intValue).sum();
    }
}
