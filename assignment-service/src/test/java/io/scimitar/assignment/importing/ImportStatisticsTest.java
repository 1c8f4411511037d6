package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A big bulk request leaves its table analysed for the next request's plans when its statistics are missing or
 * outgrown; a small one, or one the table's statistics still describe, leaves it to autovacuum. A
 * chunk of assignments analyses its events' staging table once it has filled it, whatever autovacuum saw last, and
 * without waiting for another chunk's analysis.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ImportStatisticsTest {

    @Inject
    BulkImporter importer;

    @Inject
    Transactions transactions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRequestAnalysesItsTableWhenItChangedByAsManyRowsAsTheStatisticsCounted() {
        long held = analyse("app_group");
        long before = manualAnalyses("app_group");

        importRows(ImportKind.GROUPS, ImportStatistics.AFTER_ROWS - 1);
        importRows(ImportKind.GROUPS, Math.max(ImportStatistics.AFTER_ROWS, held));

        // PostgreSQL 14's statistics collector receives the counts a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses("app_group") > before);
        assertThat(manualAnalyses("app_group")).as("one analysis, after the second request only")
                .isEqualTo(before + 1);
    }

    @Test
    void aRequestLeavesStatisticsThatStillDescribeItsTable() {
        if (analyse("app_user") < 2 * ImportStatistics.AFTER_ROWS) {
            importRows(ImportKind.USERS, 2 * ImportStatistics.AFTER_ROWS);
            analyse("app_user");
        }
        long before = manualAnalyses("app_user");

        importRows(ImportKind.USERS, ImportStatistics.AFTER_ROWS);
        analyse("app_user");

        assertThat(manualAnalyses("app_user")).as("only the test's own analysis since").isEqualTo(before + 1);
    }

    @Test
    void statisticsAreStaleWhenNeverTakenOrOutgrown() {
        assertThat(ImportStatistics.stale(-1, 0, 1_000)).as("never analysed").isTrue();
        assertThat(ImportStatistics.stale(0, 0, 1_000)).as("analysed empty").isTrue();
        assertThat(ImportStatistics.stale(50_000, 0, 5_000)).as("a tenth more").isFalse();
        assertThat(ImportStatistics.stale(50_000, 45_000, 5_000)).as("nine tenths more").isFalse();
        assertThat(ImportStatistics.stale(50_000, 50_000, 5_000)).as("as many changed as counted").isTrue();
        assertThat(ImportStatistics.stale(5_000, 0, 5_000)).as("doubled by this request").isTrue();
    }

    @Test
    void aChunkOfAssignmentsPlansOnItsOwnStagingRows() {
        String app = Api.createApplication("Staging statistics");
        String group = Api.createGroup("Staging statistics");
        for (int i = 0; i < 3; i++) {
            Api.addMember(group, Api.createUser("staging" + i));
        }
        long eventStage = manualAnalyses("import_event_stage");

        ObjectNode assignment = JsonNodeFactory.instance.objectNode();
        assignment.put("applicationId", app);
        assignment.put("principalId", group);
        ImportSummary summary = importer.run(ImportKind.ASSIGNMENTS, ImportMode.MERGE, oneRow(assignment),
                result -> { });

        assertThat(summary.byStatus()).containsEntry("created", 1L);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(manualAnalyses("import_event_stage"))
                .as("the events' staging table analysed").isGreaterThan(eventStage));
    }

    /**
     * A chunk analyses its own staging table: another transaction that holds the shared table's analysis lock (as
     * every chunk's ANALYZE did when chunks shared one staging table) does not hold it up.
     */
    @Test
    void aChunkDoesNotWaitForAnotherChunksAnalysis() throws Exception {
        String app = Api.createApplication("Staging concurrency");
        String group = Api.createGroup("Staging concurrency");
        Api.addMember(group, Api.createUser("concurrent-staging"));
        ObjectNode assignment = JsonNodeFactory.instance.objectNode();
        assignment.put("applicationId", app);
        assignment.put("principalId", group);

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("analyze public.import_event_stage");
            }
            CompletableFuture<ImportSummary> chunk = CompletableFuture.supplyAsync(
                    () -> importer.run(ImportKind.ASSIGNMENTS, ImportMode.MERGE, oneRow(assignment), result -> { }));
            try {
                assertThat(chunk.get(60, TimeUnit.SECONDS).byStatus()).containsEntry("created", 1L);
            } finally {
                other.rollback();
            }
        }
    }

    private static RowReader oneRow(ObjectNode row) {
        boolean[] read = {false};
        return () -> {
            if (read[0]) {
                return null;
            }
            read[0] = true;
            return ImportRow.of(1, row);
        };
    }

    private void importRows(ImportKind kind, long count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] line = {0};
        RowReader rows = () -> {
            if (line[0] == count) {
                return null;
            }
            line[0]++;
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            if (kind == ImportKind.USERS) {
                row.put("userPrincipalName", "stats" + line[0] + "-" + run + "@contoso.com");
            }
            row.put("displayName", "Stats " + line[0] + " " + run);
            return ImportRow.of(line[0], row);
        };
        ImportSummary summary = importer.run(kind, ImportMode.MERGE, rows, result -> { });
        assertThat(summary.byStatus()).containsEntry("created", count);
    }

    /** Analyses {@code table}, waits until the statistics collector counted it, and answers its row count then. */
    private long analyse(String table) {
        long analyses = manualAnalyses(table);
        long held = transactions.inTransaction(tx -> {
            tx.query("analyze " + table);
            return tx.query("select reltuples::bigint from pg_class where relname = $1", table).iterator().next()
                    .getLong(0);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> manualAnalyses(table) > analyses);
        return held;
    }

    /** How many times {@code table} was analysed by a statement (autovacuum's analyses are counted apart). */
    private long manualAnalyses(String table) {
        return transactions.inTransaction(tx -> {
            tx.query("select pg_stat_clear_snapshot()");
            // a chunk's staging tables are temporary tables of its session, named as the tables they copy
            return tx.query("select coalesce(sum(analyze_count), 0)::bigint from pg_stat_user_tables"
                    + " where relname = $1", table).iterator().next().getLong(0);
        });
    }
}
