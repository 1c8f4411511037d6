package io.scimitar.provisioner.drift;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reconciliations and their differences in PostgreSQL (migration V21). */
@ApplicationScoped
public class ReconciliationRepository {

    private final Pool database;

    public ReconciliationRepository(Pool database) {
        this.database = database;
    }

    public Uni<Void> begin(UUID id, UUID jobId, ReconciliationMode mode, RepairPolicies policies, String trigger) {
        JsonObject policy = policies.toJson();
        return database.preparedQuery("insert into drift_reconciliation (id, job_id, mode, policies, triggered_by, "
                        + "status, phase) values ($1, $2, $3, $4, $5, 'RUNNING', 'starting')")
                .execute(Tuple.from(Arrays.asList(id, jobId, mode.name(), policy, trigger))).replaceWithVoid();
    }

    /** Progress of a running reconciliation. */
    public Uni<Void> progress(UUID id, String phase, int usersRead, int groupsRead) {
        return database.preparedQuery("update drift_reconciliation set phase = $2, users_read = $3, groups_read = $4 "
                        + "where id = $1 and status = 'RUNNING'")
                .execute(Tuple.of(id, phase, usersRead, groupsRead)).replaceWithVoid();
    }

    /** Ends a reconciliation (unless it was cancelled meanwhile, which keeps its status). */
    public Uni<Void> finish(UUID id, ReconciliationStatus status, Map<DriftKind, Integer> found,
            Map<DriftKind, Integer> repaired, String detail) {
        return database.preparedQuery("update drift_reconciliation set status = case when status = 'CANCELLED' "
                        + "then status else $2 end, phase = null, found = $3, repaired = $4, detail = coalesce($5, "
                        + "detail), finished_at = coalesce(finished_at, now()) where id = $1")
                .execute(Tuple.of(id, status.name(), counts(found), counts(repaired), detail)).replaceWithVoid();
    }

    /** Marks a running reconciliation cancelled; answers false when it was not running. */
    public Uni<Boolean> cancel(UUID jobId, UUID id) {
        return database.preparedQuery("update drift_reconciliation set status = 'CANCELLED', finished_at = now(), "
                        + "detail = 'cancelled by an administrator' where id = $1 and job_id = $2 "
                        + "and status = 'RUNNING'")
                .execute(Tuple.of(id, jobId)).map(rows -> rows.rowCount() > 0);
    }

    /** Reconciliations left running by a provisioner that stopped: they will not go on. */
    public Uni<Integer> abandonRunning() {
        return database.preparedQuery("update drift_reconciliation set status = 'FAILED', finished_at = now(), "
                        + "detail = 'the provisioner stopped during the reconciliation' where status = 'RUNNING'")
                .execute().map(rows -> rows.rowCount());
    }

    public Uni<Void> insertDifferences(UUID id, int firstSeq, List<Difference> differences) {
        if (differences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = differences.size();
        Integer[] seqs = new Integer[n];
        String[][] columns = new String[10][n];
        for (int i = 0; i < n; i++) {
            Difference d = differences.get(i);
            seqs[i] = firstSeq + i;
            String[] values = {d.kind().name(), d.objectType(), d.sourceId(), d.targetId(), d.displayName(),
                    d.attribute(), d.expected(), d.found(), d.detail(), d.outcome()};
            for (int c = 0; c < values.length; c++) {
                columns[c][i] = values[c];
            }
        }
        List<Object> parameters = new ArrayList<>(List.of(id, seqs));
        parameters.addAll(Arrays.asList((Object[]) columns));
        return database.preparedQuery("""
                        insert into drift_difference (reconciliation_id, seq, kind, object_type, source_id, target_id,
                            display_name, attribute, expected, found, detail, outcome)
                        select $1, d.* from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) as d""")
                .execute(Tuple.from(parameters)).replaceWithVoid();
    }

    /** One stored difference with its place in the report. */
    public record StoredDifference(int seq, Difference difference) {
    }

    /**
     * A page of a reconciliation's stored differences after {@code afterSeq} in the order found: the orphans, or all
     * the others.
     */
    public Uni<List<StoredDifference>> storedAfter(UUID id, boolean orphans, int afterSeq, int limit) {
        return database.preparedQuery("select * from drift_difference where reconciliation_id = $1 "
                        + "and (kind = 'ORPHAN') = $2 and seq > $3 order by seq limit $4")
                .execute(Tuple.of(id, orphans, afterSeq, limit))
                .map(rows -> {
                    List<StoredDifference> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new StoredDifference(row.getInteger("seq"), difference(row))));
                    return found;
                });
    }

    /** Records what repair did with each of {@code repaired} (one statement). */
    public Uni<Void> recordOutcomes(UUID id, List<StoredDifference> repaired) {
        if (repaired.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] seqs = repaired.stream().map(StoredDifference::seq).toArray(Integer[]::new);
        String[] outcomes = repaired.stream().map(r -> r.difference().outcome()).toArray(String[]::new);
        return database.preparedQuery("update drift_difference d set outcome = o.outcome from unnest($2::int[], "
                        + "$3::text[]) as o(seq, outcome) where d.reconciliation_id = $1 and d.seq = o.seq")
                .execute(Tuple.of(id, seqs, outcomes)).replaceWithVoid();
    }

    /** Gives every difference repair did not reach (cancelled) that outcome. */
    public Uni<Void> outcomeOfUnreached(UUID id, String outcome) {
        return database.preparedQuery("update drift_difference set outcome = $2 where reconciliation_id = $1 "
                        + "and outcome is null").execute(Tuple.of(id, outcome)).replaceWithVoid();
    }

    public Uni<Optional<Reconciliation>> find(UUID jobId, UUID id) {
        return database.preparedQuery("select * from drift_reconciliation where id = $1 and job_id = $2")
                .execute(Tuple.of(id, jobId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The job's reconciliations, newest first. */
    public Uni<List<Reconciliation>> list(UUID jobId, int limit) {
        return database.preparedQuery("select * from drift_reconciliation where job_id = $1 "
                        + "order by started_at desc limit $2")
                .execute(Tuple.of(jobId, limit))
                .map(rows -> {
                    List<Reconciliation> found = new ArrayList<>();
                    rows.forEach(row -> found.add(read(row)));
                    return found;
                });
    }

    /** A page of a reconciliation's differences in the order found, optionally of one kind. */
    public Uni<List<Difference>> differences(UUID id, DriftKind kind, int offset, int limit) {
        return database.preparedQuery("select * from drift_difference where reconciliation_id = $1 "
                        + "and ($2::text is null or kind = $2) order by seq offset $3 limit $4")
                .execute(Tuple.of(id, kind == null ? null : kind.name(), offset, limit))
                .map(rows -> {
                    List<Difference> found = new ArrayList<>();
                    rows.forEach(row -> found.add(difference(row)));
                    return found;
                });
    }

    /** Whether a reconciliation of the job is running now. */
    public Uni<Boolean> running(UUID jobId) {
        return database.preparedQuery("select 1 from drift_reconciliation where job_id = $1 and status = 'RUNNING'")
                .execute(Tuple.of(jobId)).map(rows -> rows.size() > 0);
    }

    /** Whether the reconciliation is still running (not cancelled). */
    public Uni<Boolean> stillRunning(UUID id) {
        return database.preparedQuery("select 1 from drift_reconciliation where id = $1 and status = 'RUNNING'")
                .execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    private static Difference difference(Row row) {
        return new Difference(DriftKind.valueOf(row.getString("kind")), row.getString("object_type"),
                row.getString("source_id"), row.getString("target_id"), row.getString("display_name"),
                row.getString("attribute"), row.getString("expected"), row.getString("found"),
                row.getString("detail"), row.getString("outcome"));
    }

    private static JsonObject counts(Map<DriftKind, Integer> counts) {
        JsonObject json = new JsonObject();
        counts.forEach((kind, count) -> json.put(kind.name(), count));
        return json;
    }

    private static Map<DriftKind, Integer> counts(JsonObject json) {
        Map<DriftKind, Integer> counts = new EnumMap<>(DriftKind.class);
        if (json != null) {
            json.forEach(entry -> counts.put(DriftKind.valueOf(entry.getKey()), ((Number) entry.getValue()).intValue()));
        }
        return counts;
    }

    private static Reconciliation read(Row row) {
        JsonObject policy = row.getJsonObject("policies");
        RepairPolicies policies = RepairPolicies.fromJson(policy);
        OffsetDateTime finished = row.getOffsetDateTime("finished_at");
        return new Reconciliation(row.getUUID("id"), row.getUUID("job_id"),
                ReconciliationMode.valueOf(row.getString("mode")), policies, row.getString("triggered_by"),
                ReconciliationStatus.valueOf(row.getString("status")), row.getString("phase"),
                row.getInteger("users_read"), row.getInteger("groups_read"), counts(row.getJsonObject("found")),
                counts(row.getJsonObject("repaired")), row.getString("detail"),
                row.getOffsetDateTime("started_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
