package io.scimitar.assignment.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Health group {@code outbox} ({@code /q/health/group/outbox}): DOWN while dead letters exist, for a monitor or an
 * alert to probe; readiness and liveness are not affected (see {@link OutboxReadinessCheck}).
 */
@HealthGroup(OutboxDeadLetterCheck.GROUP)
@ApplicationScoped
public class OutboxDeadLetterCheck implements AsyncHealthCheck {

    static final String GROUP = "outbox";
    private static final String NAME = "outbox-dead-letters";

    private final OutboxStatistics statistics;

    public OutboxDeadLetterCheck(OutboxStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return statistics.recent()
                .map(summary -> OutboxHealth.describe(HealthCheckResponse.named(NAME).status(!summary.degraded()),
                        summary).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("state", "unknown").withData("error", "cannot count the outbox").build());
    }
}
