package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.pipeline.PendingWrites;
import io.scimitar.provisioner.escrow.EscrowRepository;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.progress.JobStatisticsRepository;
import io.scimitar.provisioner.quarantine.RecentOutcomesRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes what a poll's changes left ({@link PendingWrites}) in one statement, so in one transaction: every link in one
 * multi-row upsert, every escrow resolution in one multi-row delete, the changes added to the job's statistics to date
 * in one multi-row upsert, the job's failure-share window in one multi-row upsert and one delete, the changed users'
 * scopes in one multi-row upsert, the groups' applied membership versions in one multi-row upsert, every log entry in
 * one multi-row insert, composed as data-modifying CTEs. Either all of them are stored or none (the poll is then read
 * and applied again; versions make that idempotent). A poll of 500 changes costs PostgreSQL one statement and one
 * commit instead of 500, and one query for its users' links instead of one each ({@link #start}).
 */
@ApplicationScoped
public class BatchWriter {

    private final StatementRunner statements;
    private final ProvisioningLogRepository log;
    private final LinkRepository links;

    @Inject
    public BatchWriter(Pool database, ProvisioningLogRepository log, LinkRepository links) {
        this((sql, values) -> database.preparedQuery(sql).execute(values).replaceWithVoid(), log, links);
    }

    BatchWriter(StatementRunner statements, ProvisioningLogRepository log, LinkRepository links) {
        this.statements = statements;
        this.log = log;
        this.links = links;
    }

    /** The pending writes of a poll of job {@code jobId}, knowing the stored links of its users (one query). */
    public Uni<PendingWrites> start(UUID jobId, Collection<String> userIds) {
        PendingWrites writes = new PendingWrites(jobId);
        return links.findAll(jobId, ObjectType.USER, userIds)
                .map(found -> {
                    writes.stored(ObjectType.USER, userIds, found);
                    return writes;
                });
    }

    /**
     * Writes everything {@code writes} holds, then runs what waited for it (progress); leaves {@code writes} empty for
     * what the poll writes next. A failure leaves nothing written and nothing counted.
     */
    public Uni<Void> flush(PendingWrites writes) {
        PendingWrites.Batch batch = writes.drain();
        if (batch.writesNothing()) {
            batch.durable();
            return Uni.createFrom().voidItem();
        }
        List<String> parts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (!batch.links().isEmpty()) {
            parts.add(LinkRepository.upsertAllStatement(values.size() + 1));
            values.addAll(LinkRepository.upsertAllValues(batch.jobId(), batch.links()));
        }
        if (!batch.resolved().isEmpty()) {
            parts.add(EscrowRepository.resolveAllStatement(values.size() + 1));
            values.add(batch.jobId());
            values.add(batch.resolved().keySet().toArray(String[]::new));
            values.add(batch.resolved().values().toArray(Long[]::new));
        }
        if (!batch.counted().isEmpty()) {
            parts.add(JobStatisticsRepository.addAllStatement(values.size() + 1));
            values.addAll(JobStatisticsRepository.addAllValues(batch.jobId(), batch.counted()));
        }
        if (batch.window().stream().anyMatch(change -> !change.slidOut())) {
            parts.add(RecentOutcomesRepository.recordAllStatement(values.size() + 1));
            values.addAll(RecentOutcomesRepository.recordAllValues(batch.jobId(), batch.window()));
        }
        if (batch.window().stream().anyMatch(PendingWrites.WindowChange::slidOut)) {
            parts.add(RecentOutcomesRepository.dropAllStatement(values.size() + 1));
            values.addAll(RecentOutcomesRepository.dropAllValues(batch.jobId(), batch.window()));
        }
        if (!batch.scopes().isEmpty()) {
            parts.add(MembershipRepository.storeScopesStatement(values.size() + 1));
            values.addAll(MembershipRepository.storeScopesValues(batch.jobId(), batch.scopes()));
        }
        if (!batch.membershipVersions().isEmpty()) {
            parts.add(MembershipRepository.recordVersionsStatement(values.size() + 1));
            values.addAll(MembershipRepository.recordVersionsValues(batch.jobId(), batch.membershipVersions()));
        }
        if (!batch.entries().isEmpty()) {
            parts.add(ProvisioningLogRepository.insertAllStatement(values.size() + 1));
            values.addAll(log.insertAllValues(batch.entries()));
        }
        return statements.run(composed(parts), Tuple.from(values)).invoke(batch::durable);
    }

    /** One statement: every part but the last as a data-modifying CTE (PostgreSQL runs each exactly once). */
    private static String composed(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder sql = new StringBuilder("with ");
        for (int i = 0; i < parts.size() - 1; i++) {
            sql.append(i == 0 ? "" : ", ").append("part").append(i).append(" as (").append(parts.get(i)).append(')');
        }
        return sql.append(' ').append(parts.get(parts.size() - 1)).toString();
    }

    /** Runs one SQL statement with its parameters. */
    @FunctionalInterface
    interface StatementRunner {
        Uni<Void> run(String sql, Tuple values);
    }
}
