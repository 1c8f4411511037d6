package io.scimitar.provisioner.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Drift counters beside {@link ProvisionerMetrics}: differences reconciliations found in a job's target and those
 * repair mode set right, per kind (attribute, state, missing, orphan, membership).
 */
@ApplicationScoped
public class DriftMetrics {

    private final MeterRegistry registry;

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A reconciliation of the job found {@code count} differences of {@code kind}. */
    public void found(UUID jobId, String kind, int count) {
        Counter.builder("scimitar.provisioner.drift.found")
                .description("Differences between the target and the directory found by reconciliations")
                .tag("job", jobId.toString()).tag("kind", kind)
                .register(registry).increment(count);
    }

    /** Repair mode set right {@code count} differences of {@code kind} in the job's target. */
    public void repaired(UUID jobId, String kind, int count) {
        Counter.builder("scimitar.provisioner.drift.repaired")
                .description("Differences between the target and the directory that repair mode set right")
                .tag("job", jobId.toString()).tag("kind", kind)
                .register(registry).increment(count);
    }
}
