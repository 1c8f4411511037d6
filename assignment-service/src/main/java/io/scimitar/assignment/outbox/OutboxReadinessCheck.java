package io.scimitar.assignment.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness entry "outbox": always UP, since the service keeps taking and relaying changes while dead letters wait,
 * with {@code state: degraded} and the dead letters' count and age in its data so that a look at
 * {@code /q/health/ready} shows them (the {@code outbox} health group is DOWN meanwhile, for alerting).
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "outbox";

    private final OutboxStatistics statistics;

    public OutboxReadinessCheck(OutboxStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return statistics.recent()
                .map(summary -> OutboxHealth.describe(HealthCheckResponse.named(NAME).up(), summary).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).up()
                        .withData("state", "unknown").withData("error", "cannot count the outbox").build());
    }
}
