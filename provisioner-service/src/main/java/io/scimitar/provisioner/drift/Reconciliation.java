package io.scimitar.provisioner.drift;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reconciliation's summary: how it was asked for, where it stands ({@code phase} while running), what it read, the
 * differences found and repaired per kind.
 */
public record Reconciliation(UUID id, UUID jobId, ReconciliationMode mode, RepairPolicies policies, String triggeredBy,
        ReconciliationStatus status, String phase, int usersRead, int groupsRead, Map<DriftKind, Integer> found,
        Map<DriftKind, Integer> repaired, String detail, Instant startedAt, Instant finishedAt) {

    public Reconciliation {
        found = found == null ? Map.of() : Map.copyOf(found);
        repaired = repaired == null ? Map.of() : Map.copyOf(repaired);
    }
}
